CREATE TABLE `fit_variance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`sigma2` real NOT NULL,
	`slope2` real NOT NULL,
	`tau2` real NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fit_variance_key_unique` ON `fit_variance` (`key`);