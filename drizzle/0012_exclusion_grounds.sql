CREATE TABLE `application_declarations` (
	`application_id` text NOT NULL,
	`kind` text NOT NULL,
	`content` text NOT NULL,
	PRIMARY KEY(`application_id`, `kind`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `exclusion_ground_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`ground` text NOT NULL,
	`finding` text NOT NULL,
	`note` text NOT NULL,
	`checked_by_user_id` text NOT NULL,
	`checked_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `exclusions` ADD `ground` text;