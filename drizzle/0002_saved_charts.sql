ALTER TABLE `chart` ADD `mode` text DEFAULT 'live' NOT NULL;--> statement-breakpoint
ALTER TABLE `chart` ADD `snapshot` text;--> statement-breakpoint
ALTER TABLE `chart` ADD `data_as_of` text;--> statement-breakpoint
ALTER TABLE `chart` ADD `embed_loads` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `chart` ADD `embed_last_seen` text;