using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hydra.Inference.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlotLayoutsAndExplanations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "regions",
                table: "verdicts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "plot_layouts",
                columns: table => new
                {
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    layout = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plot_layouts", x => x.plot_type_id);
                    table.ForeignKey(
                        name: "fk_plot_layouts_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plot_layouts");

            migrationBuilder.DropColumn(
                name: "regions",
                table: "verdicts");
        }
    }
}
