CREATE TABLE `document_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`call_id` text NOT NULL,
	`state_key` text NOT NULL,
	`status` text NOT NULL,
	`stage` text NOT NULL,
	`progress_done` integer DEFAULT 0 NOT NULL,
	`progress_total` integer DEFAULT 0 NOT NULL,
	`runner` text NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`requested_by_user_id` text NOT NULL,
	`stored_file_id` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stored_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_jobs_state_idx` ON `document_jobs` (`kind`,`call_id`,`state_key`);