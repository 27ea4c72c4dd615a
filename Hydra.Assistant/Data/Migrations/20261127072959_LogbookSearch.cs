using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Hydra.Assistant.Data.Migrations
{
    /// <inheritdoc />
    public partial class LogbookSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_hash",
                table: "logbook_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<float[]>(
                name: "embedding",
                table: "logbook_entries",
                type: "real[]",
                nullable: false,
                defaultValue: new float[0]);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "logbook_entries",
                type: "tsvector",
                nullable: false,
                computedColumnSql: "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_logbook_entries_content_hash",
                table: "logbook_entries",
                column: "content_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_logbook_entries_search_vector",
                table: "logbook_entries",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_logbook_entries_content_hash",
                table: "logbook_entries");

            migrationBuilder.DropIndex(
                name: "ix_logbook_entries_search_vector",
                table: "logbook_entries");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "logbook_entries");

            migrationBuilder.DropColumn(
                name: "content_hash",
                table: "logbook_entries");

            migrationBuilder.DropColumn(
                name: "embedding",
                table: "logbook_entries");
        }
    }
}
