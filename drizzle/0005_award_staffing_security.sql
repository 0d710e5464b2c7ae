CREATE TABLE `award_procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`status` text NOT NULL,
	`figures_as_of` integer,
	`allocation` text NOT NULL,
	`proposed_by_user_id` text,
	`proposed_at` integer NOT NULL,
	`approved_by_user_id` text,
	`approved_at` integer,
	`pre_informed_at` integer,
	`earliest_award_at` integer,
	`awarded_by_user_id` text,
	`awarded_at` integer,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`awarded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_procedures_call_id_unique` ON `award_procedures` (`call_id`);--> statement-breakpoint
CREATE TABLE `call_keys` (
	`call_id` text PRIMARY KEY NOT NULL,
	`wrapped_key` blob NOT NULL,
	`master_key_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`organisation_id` text,
	`lot_id` text,
	`received_at` integer NOT NULL,
	`summary` text NOT NULL,
	`recorded_by_user_id` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution` text,
	`resolved_by_user_id` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`expire` integer
);
--> statement-breakpoint
CREATE TABLE `staffing_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`computed_at` integer NOT NULL,
	`figures_as_of` integer,
	`trigger` text NOT NULL,
	`plan` text NOT NULL,
	`computed_by_user_id` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`computed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staffing_plans_call_idx` ON `staffing_plans` (`call_id`,`computed_at`);--> statement-breakpoint
ALTER TABLE `award_decisions` ADD `proposed_fte_hundredths` integer;--> statement-breakpoint
ALTER TABLE `award_decisions` ADD `change_reason` text;--> statement-breakpoint
ALTER TABLE `client_figures` ADD `batch_id` text;--> statement-breakpoint
ALTER TABLE `client_figures` ADD `source` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `second_factor_at` integer;--> statement-breakpoint
ALTER TABLE `stored_files` ADD `sealed_call_id` text REFERENCES calls(id);--> statement-breakpoint
ALTER TABLE `users` ADD `totp_secret_sealed` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_last_step` integer;