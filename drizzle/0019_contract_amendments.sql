CREATE TABLE `contract_adjustments` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`figures_batch` text NOT NULL,
	`figures_as_of` integer NOT NULL,
	`proposal` text NOT NULL,
	`status` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`proposed_by_user_id` text NOT NULL,
	`approved_at` integer,
	`approved_by_user_id` text,
	`effective_from` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contract_adjustments_call_idx` ON `contract_adjustments` (`call_id`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `contract_amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`adjustment_id` text NOT NULL,
	`contract_id` text NOT NULL,
	`from_day` text NOT NULL,
	`fte_before_hundredths` integer NOT NULL,
	`fte_after_hundredths` integer NOT NULL,
	`value_per_year_after_cents` integer NOT NULL,
	`letter_file_id` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by_user_id` text,
	`decided_by_name` text,
	FOREIGN KEY (`adjustment_id`) REFERENCES `contract_adjustments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`letter_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contract_amendments_contract_idx` ON `contract_amendments` (`contract_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `contract_amendments_adjustment_contract` ON `contract_amendments` (`adjustment_id`,`contract_id`);