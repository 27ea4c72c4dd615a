using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hydra.Inference.Data.Migrations
{
    /// <inheritdoc />
    public partial class JudgedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "judged_at",
                table: "images",
                type: "timestamp with time zone",
                nullable: true);

            // Images judged before this column existed: their verdict says when.
            migrationBuilder.Sql("UPDATE images SET judged_at = v.judged_at FROM verdicts v WHERE v.image_id = images.id");

            migrationBuilder.CreateIndex(
                name: "ix_images_not_judged",
                table: "images",
                column: "id",
                filter: "judged_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_images_not_judged",
                table: "images");

            migrationBuilder.DropColumn(
                name: "judged_at",
                table: "images");
        }
    }
}
