using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hydra.Inference.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialMonitoringSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plot_types",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    detector = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    is_chunked = table.Column<bool>(type: "boolean", nullable: false),
                    collect_share = table.Column<double>(type: "double precision", nullable: false),
                    is_ignored = table.Column<bool>(type: "boolean", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plot_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "run_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_number = table.Column<int>(type: "integer", nullable: false),
                    run_period_id = table.Column<int>(type: "integer", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    beam_current_nano_amps = table.Column<double>(type: "double precision", nullable: true),
                    target = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    torus_scale = table.Column<double>(type: "double precision", nullable: true),
                    solenoid_scale = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_runs_run_periods_run_period_id",
                        column: x => x.run_period_id,
                        principalTable: "run_periods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "images",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: false),
                    chunk = table.Column<int>(type: "integer", nullable: false),
                    content_sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    size_bytes = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    beam_current_nano_amps = table.Column<double>(type: "double precision", nullable: true),
                    training_weight = table.Column<int>(type: "integer", nullable: false),
                    is_collected = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_images", x => x.id);
                    table.ForeignKey(
                        name: "fk_images_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_images_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "image_contents",
                columns: table => new
                {
                    image_id = table.Column<long>(type: "bigint", nullable: false),
                    png = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_image_contents", x => x.image_id);
                    table.ForeignKey(
                        name: "fk_image_contents_images_image_id",
                        column: x => x.image_id,
                        principalTable: "images",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "verdicts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    image_id = table.Column<long>(type: "bigint", nullable: false),
                    classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    confidence = table.Column<float>(type: "real", nullable: true),
                    confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    scores = table.Column<string>(type: "jsonb", nullable: false),
                    model_id = table.Column<Guid>(type: "uuid", nullable: true),
                    judged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verdicts", x => x.id);
                    table.ForeignKey(
                        name: "fk_verdicts_images_image_id",
                        column: x => x.image_id,
                        principalTable: "images",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_images_content_sha256",
                table: "images",
                column: "content_sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_images_plot_type_id",
                table: "images",
                column: "plot_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_images_received_at",
                table: "images",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_images_run_id_plot_type_id_chunk",
                table: "images",
                columns: new[] { "run_id", "plot_type_id", "chunk" });

            migrationBuilder.CreateIndex(
                name: "ix_plot_types_detector",
                table: "plot_types",
                column: "detector");

            migrationBuilder.CreateIndex(
                name: "ix_plot_types_name",
                table: "plot_types",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_run_periods_name",
                table: "run_periods",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_runs_run_number",
                table: "runs",
                column: "run_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_runs_run_period_id",
                table: "runs",
                column: "run_period_id");

            migrationBuilder.CreateIndex(
                name: "ix_verdicts_image_id_judged_at",
                table: "verdicts",
                columns: new[] { "image_id", "judged_at" });

            migrationBuilder.CreateIndex(
                name: "ix_verdicts_judged_at",
                table: "verdicts",
                column: "judged_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "image_contents");

            migrationBuilder.DropTable(
                name: "verdicts");

            migrationBuilder.DropTable(
                name: "images");

            migrationBuilder.DropTable(
                name: "plot_types");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "run_periods");
        }
    }
}
