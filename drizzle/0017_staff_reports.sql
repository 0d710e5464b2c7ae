CREATE TABLE `staff_report_posts` (
	`report_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`post_key` text NOT NULL,
	`person_name` text DEFAULT '' NOT NULL,
	`pay_group` text NOT NULL,
	`weekly_hours_hundredths` integer NOT NULL,
	`fte_hundredths` integer NOT NULL,
	`has_degree` integer NOT NULL,
	`proof_file_id` text,
	`start_day` text NOT NULL,
	`end_day` text,
	PRIMARY KEY(`report_id`, `ordinal`),
	FOREIGN KEY (`report_id`) REFERENCES `staff_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proof_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_report_posts_proof_idx` ON `staff_report_posts` (`proof_file_id`);--> statement-breakpoint
CREATE TABLE `staff_report_reminders` (
	`contract_id` text NOT NULL,
	`period_from` text NOT NULL,
	`sent_at` integer NOT NULL,
	`recipients` integer NOT NULL,
	PRIMARY KEY(`contract_id`, `period_from`),
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`contract_id` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`vacancy_note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`submitted_by_user_id` text,
	`submitted_by_name` text,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_reports_contract_period_version` ON `staff_reports` (`contract_id`,`period_from`,`version`);