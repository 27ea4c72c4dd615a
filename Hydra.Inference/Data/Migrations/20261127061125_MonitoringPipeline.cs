using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hydra.Inference.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_verdicts_image_id_judged_at",
                table: "verdicts");

            migrationBuilder.AddColumn<long>(
                name: "alarm_id",
                table: "verdicts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "cam",
                table: "verdicts",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "classify_ms",
                table: "verdicts",
                type: "real",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<long>(
                name: "episode_id",
                table: "verdicts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "queue_ms",
                table: "verdicts",
                type: "real",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<string>(
                name: "regions",
                table: "verdicts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "active_model_id",
                table: "plot_types",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "enqueued_at",
                table: "images",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "ingest_ms",
                table: "images",
                type: "real",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pruned_at",
                table: "images",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "episodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<int>(type: "integer", nullable: false),
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_chunk = table.Column<int>(type: "integer", nullable: false),
                    last_chunk = table.Column<int>(type: "integer", nullable: false),
                    image_count = table.Column<int>(type: "integer", nullable: false),
                    confirmed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episodes", x => x.id);
                    table.ForeignKey(
                        name: "fk_episodes_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_episodes_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "image_labels",
                columns: table => new
                {
                    image_id = table.Column<long>(type: "bigint", nullable: false),
                    classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    labelled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    labelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_image_labels", x => x.image_id);
                    table.ForeignKey(
                        name: "fk_image_labels_images_image_id",
                        column: x => x.image_id,
                        principalTable: "images",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "label_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    image_id = table.Column<long>(type: "bigint", nullable: false),
                    old_classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    new_classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_label_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "model_activations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    model_id = table.Column<Guid>(type: "uuid", nullable: true),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    activated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_activations", x => x.id);
                    table.ForeignKey(
                        name: "fk_model_activations_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plot_type_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    parent_model_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    labels = table.Column<string[]>(type: "text[]", nullable: false),
                    input_channels = table.Column<int>(type: "integer", nullable: false),
                    input_height = table.Column<int>(type: "integer", nullable: false),
                    input_width = table.Column<int>(type: "integer", nullable: false),
                    file_sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_models", x => x.id);
                    table.ForeignKey(
                        name: "fk_models_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "news",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "text", nullable: true),
                    posted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_news", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "alarms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    plot_type_id = table.Column<int>(type: "integer", nullable: true),
                    episode_id = table.Column<long>(type: "bigint", nullable: true),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    image_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarms", x => x.id);
                    table.ForeignKey(
                        name: "fk_alarms_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_alarms_plot_types_plot_type_id",
                        column: x => x.plot_type_id,
                        principalTable: "plot_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alarms_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    samples = table.Column<int>(type: "integer", nullable: false),
                    held_out_only = table.Column<bool>(type: "boolean", nullable: false),
                    result = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_model_evaluations_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_files",
                columns: table => new
                {
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    onnx = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_files", x => x.model_id);
                    table.ForeignKey(
                        name: "fk_model_files_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_thresholds",
                columns: table => new
                {
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    threshold = table.Column<float>(type: "real", nullable: false),
                    method = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_by = table.Column<string>(type: "text", nullable: true),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_thresholds", x => new { x.model_id, x.classification });
                    table.ForeignKey(
                        name: "fk_model_thresholds_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alarm_notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alarm_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(20)", maxLength: 20, nullable: false),
                    webhook = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    abandoned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarm_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_alarm_notifications_alarms_alarm_id",
                        column: x => x.alarm_id,
                        principalTable: "alarms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_verdicts_alarm_id",
                table: "verdicts",
                column: "alarm_id");

            migrationBuilder.CreateIndex(
                name: "ix_verdicts_episode_id",
                table: "verdicts",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_verdicts_image_id",
                table: "verdicts",
                column: "image_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_images_not_enqueued",
                table: "images",
                column: "id",
                filter: "enqueued_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_notifications_alarm_id",
                table: "alarm_notifications",
                column: "alarm_id");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_notifications_due",
                table: "alarm_notifications",
                column: "next_attempt_at",
                filter: "delivered_at IS NULL AND abandoned_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_alarms_active",
                table: "alarms",
                column: "cleared_at",
                filter: "cleared_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_alarms_episode_id",
                table: "alarms",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_alarms_plot_type_id",
                table: "alarms",
                column: "plot_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_alarms_raised_at",
                table: "alarms",
                column: "raised_at");

            migrationBuilder.CreateIndex(
                name: "ix_alarms_run_id",
                table: "alarms",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodes_plot_type_id",
                table: "episodes",
                column: "plot_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodes_run_id_plot_type_id_started_at",
                table: "episodes",
                columns: new[] { "run_id", "plot_type_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_episodes_started_at",
                table: "episodes",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_label_changes_changed_by",
                table: "label_changes",
                column: "changed_by");

            migrationBuilder.CreateIndex(
                name: "ix_label_changes_image_id_changed_at",
                table: "label_changes",
                columns: new[] { "image_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_model_activations_plot_type_id_activated_at",
                table: "model_activations",
                columns: new[] { "plot_type_id", "activated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_model_evaluations_model_id_evaluated_at",
                table: "model_evaluations",
                columns: new[] { "model_id", "evaluated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_models_plot_type_id_created_at",
                table: "models",
                columns: new[] { "plot_type_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_news_posted_at",
                table: "news",
                column: "posted_at");

            migrationBuilder.CreateIndex(
                name: "ix_training_jobs_plot_type_id",
                table: "training_jobs",
                column: "plot_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_jobs_status_requested_at",
                table: "training_jobs",
                columns: new[] { "status", "requested_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_verdicts_alarms_alarm_id",
                table: "verdicts",
                column: "alarm_id",
                principalTable: "alarms",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_verdicts_episodes_episode_id",
                table: "verdicts",
                column: "episode_id",
                principalTable: "episodes",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_verdicts_alarms_alarm_id",
                table: "verdicts");

            migrationBuilder.DropForeignKey(
                name: "fk_verdicts_episodes_episode_id",
                table: "verdicts");

            migrationBuilder.DropTable(
                name: "alarm_notifications");

            migrationBuilder.DropTable(
                name: "image_labels");

            migrationBuilder.DropTable(
                name: "label_changes");

            migrationBuilder.DropTable(
                name: "model_activations");

            migrationBuilder.DropTable(
                name: "model_evaluations");

            migrationBuilder.DropTable(
                name: "model_files");

            migrationBuilder.DropTable(
                name: "model_thresholds");

            migrationBuilder.DropTable(
                name: "news");

            migrationBuilder.DropTable(
                name: "plot_layouts");

            migrationBuilder.DropTable(
                name: "training_jobs");

            migrationBuilder.DropTable(
                name: "alarms");

            migrationBuilder.DropTable(
                name: "models");

            migrationBuilder.DropTable(
                name: "episodes");

            migrationBuilder.DropIndex(
                name: "ix_verdicts_alarm_id",
                table: "verdicts");

            migrationBuilder.DropIndex(
                name: "ix_verdicts_episode_id",
                table: "verdicts");

            migrationBuilder.DropIndex(
                name: "ix_verdicts_image_id",
                table: "verdicts");

            migrationBuilder.DropIndex(
                name: "ix_images_not_enqueued",
                table: "images");

            migrationBuilder.DropColumn(
                name: "alarm_id",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "cam",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "classify_ms",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "episode_id",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "queue_ms",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "regions",
                table: "verdicts");

            migrationBuilder.DropColumn(
                name: "active_model_id",
                table: "plot_types");

            migrationBuilder.DropColumn(
                name: "enqueued_at",
                table: "images");

            migrationBuilder.DropColumn(
                name: "ingest_ms",
                table: "images");

            migrationBuilder.DropColumn(
                name: "pruned_at",
                table: "images");

            migrationBuilder.CreateIndex(
                name: "ix_verdicts_image_id_judged_at",
                table: "verdicts",
                columns: new[] { "image_id", "judged_at" });
        }
    }
}
