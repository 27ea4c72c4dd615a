using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hydra.Inference.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReferenceSimilarity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_images_plot_type_id",
                table: "images");

            migrationBuilder.AddColumn<long>(
                name: "reference_image_id",
                table: "verdicts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "reference_similarity",
                table: "verdicts",
                type: "real",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "plot_references",
                columns: table => new
                {
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    image_id = table.Column<long>(type: "bigint", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plot_references", x => x.plot_type_id);
                    table.ForeignKey(
                        name: "fk_plot_references_images_image_id",
                        column: x => x.image_id,
                        principalTable: "images",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plot_references_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_images_plot_type_id_recorded_at",
                table: "images",
                columns: new[] { "plot_type_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_plot_references_image_id",
                table: "plot_references",
                column: "image_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plot_references");

            migrationBuilder.DropIndex(
                name: "ix_images_plot_type_id_recorded_at",
                table: "images");

            migrationBuilder.DropColumn(
                name: "reference_image_id",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "reference_similarity",
                table: "verdicts");

            migrationBuilder.CreateIndex(
                name: "ix_images_plot_type_id",
                table: "images",
                column: "plot_type_id");
        }
    }
}
