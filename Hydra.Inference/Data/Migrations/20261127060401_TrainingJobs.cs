using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hydra.Inference.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrainingJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    epochs = table.Column<int>(type: "integer", nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    epoch = table.Column<int>(type: "integer", nullable: false),
                    train_loss = table.Column<double>(type: "double precision", nullable: true),
                    validation_loss = table.Column<double>(type: "double precision", nullable: true),
                    validation_accuracy = table.Column<double>(type: "double precision", nullable: true),
                    seconds_left = table.Column<double>(type: "double precision", nullable: true),
                    training_images = table.Column<int>(type: "integer", nullable: true),
                    model_id = table.Column<Guid>(type: "uuid", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    running_on = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_jobs_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_training_jobs_plot_type_id",
                table: "training_jobs",
                column: "plot_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_jobs_status_requested_at",
                table: "training_jobs",
                columns: new[] { "status", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_jobs");
        }
    }
}
