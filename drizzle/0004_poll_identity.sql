ALTER TABLE `result` ADD `source_line` integer;--> statement-breakpoint
CREATE INDEX `poll_identity_idx` ON `poll` (`pollster_id`,`fieldwork_start`,`fieldwork_end`,`question_id`);