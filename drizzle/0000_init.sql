CREATE TABLE `api_token` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_token_token_hash_unique` ON `api_token` (`token_hash`);--> statement-breakpoint
CREATE TABLE `chart` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`params` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chart_slug_unique` ON `chart` (`slug`);--> statement-breakpoint
CREATE TABLE `dataset` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`source_url` text,
	`licence` text,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`file_size` integer NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`skipped_row_count` integer DEFAULT 0 NOT NULL,
	`poll_count` integer DEFAULT 0 NOT NULL,
	`result_count` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`uploaded_by` integer,
	`mapping` text,
	`warnings` text,
	`status` text DEFAULT 'ready' NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dataset_file_sha256_unique` ON `dataset` (`file_sha256`);--> statement-breakpoint
CREATE TABLE `dataset_file` (
	`dataset_id` integer PRIMARY KEY NOT NULL,
	`media_type` text DEFAULT 'text/csv' NOT NULL,
	`content` blob NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `dataset`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset_id` integer,
	`date` text NOT NULL,
	`end_date` text,
	`date_precision` text DEFAULT 'day' NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`source_name` text,
	`source_url` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`dataset_id`) REFERENCES `dataset`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_date_idx` ON `event` (`date`);--> statement-breakpoint
CREATE TABLE `event_leader` (
	`event_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `leader_id`),
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leader`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_leader_leader_idx` ON `event_leader` (`leader_id`);--> statement-breakpoint
CREATE TABLE `event_tag` (
	`event_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`event_id`, `tag`),
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_tag_tag_idx` ON `event_tag` (`tag`);--> statement-breakpoint
CREATE TABLE `leader` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`role` text DEFAULT 'political' NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leader_slug_unique` ON `leader` (`slug`);--> statement-breakpoint
CREATE TABLE `leader_alias` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`leader_id` integer NOT NULL,
	`alias` text NOT NULL,
	`alias_key` text NOT NULL,
	FOREIGN KEY (`leader_id`) REFERENCES `leader`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leader_alias_alias_key_unique` ON `leader_alias` (`alias_key`);--> statement-breakpoint
CREATE INDEX `leader_alias_leader_idx` ON `leader_alias` (`leader_id`);--> statement-breakpoint
CREATE TABLE `poll` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset_id` integer NOT NULL,
	`external_id` text,
	`pollster_id` integer NOT NULL,
	`fieldwork_start` text NOT NULL,
	`fieldwork_end` text NOT NULL,
	`mid_date` text NOT NULL,
	`date_precision` text DEFAULT 'day' NOT NULL,
	`sample_size` integer,
	`mode` text,
	`population` text,
	`question_id` integer NOT NULL,
	`source_url` text,
	`notes` text,
	FOREIGN KEY (`dataset_id`) REFERENCES `dataset`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pollster_id`) REFERENCES `pollster`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `question`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `poll_dataset_idx` ON `poll` (`dataset_id`);--> statement-breakpoint
CREATE INDEX `poll_pollster_idx` ON `poll` (`pollster_id`);--> statement-breakpoint
CREATE INDEX `poll_mid_date_idx` ON `poll` (`mid_date`);--> statement-breakpoint
CREATE TABLE `pollster` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`url` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pollster_name_unique` ON `pollster` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `pollster_slug_unique` ON `pollster` (`slug`);--> statement-breakpoint
CREATE TABLE `pollster_alias` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pollster_id` integer NOT NULL,
	`alias` text NOT NULL,
	`alias_key` text NOT NULL,
	FOREIGN KEY (`pollster_id`) REFERENCES `pollster`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pollster_alias_alias_key_unique` ON `pollster_alias` (`alias_key`);--> statement-breakpoint
CREATE INDEX `pollster_alias_pollster_idx` ON `pollster_alias` (`pollster_id`);--> statement-breakpoint
CREATE TABLE `question` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`wording` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_key_unique` ON `question` (`key`);--> statement-breakpoint
CREATE TABLE `result` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poll_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`measure` text NOT NULL,
	`value` real NOT NULL,
	`mid_date` text NOT NULL,
	`question_id` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leader`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `result_poll_leader_measure_idx` ON `result` (`poll_id`,`leader_id`,`measure`);--> statement-breakpoint
CREATE INDEX `result_series_idx` ON `result` (`leader_id`,`measure`,`mid_date`,`question_id`,`value`,`poll_id`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_user_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'editor' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);