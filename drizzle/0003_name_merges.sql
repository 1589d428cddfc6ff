CREATE TABLE `name_edit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`action` text NOT NULL,
	`subject_id` integer NOT NULL,
	`subject_name` text NOT NULL,
	`detail` text NOT NULL,
	`target_id` integer,
	`record` text,
	`edited_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`undone_at` text,
	FOREIGN KEY (`edited_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TRIGGER `data_version_name_edit_insert` AFTER INSERT ON `name_edit`
BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_version_name_edit_update` AFTER UPDATE ON `name_edit`
BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
