CREATE TABLE `contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`call_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`award_decision_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`fte_hundredths` integer NOT NULL,
	`posts` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`value_per_year_cents` integer NOT NULL,
	`cost_basis` text NOT NULL,
	`terms` text NOT NULL,
	`report_periods` text NOT NULL,
	`concluded_at` integer NOT NULL,
	`concluded_by_user_id` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`award_decision_id`) REFERENCES `award_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concluded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_award_decision_id_unique` ON `contracts` (`award_decision_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_call_number` ON `contracts` (`call_id`,`number`);--> statement-breakpoint
CREATE INDEX `contracts_organisation_idx` ON `contracts` (`organisation_id`);--> statement-breakpoint
ALTER TABLE `calls` ADD `contract_terms` text DEFAULT '{"reporting":{"interval":"quarterly","dueDays":30},"vacancyToleranceDays":60,"adjustmentBoundsPercent":20}' NOT NULL;--> statement-breakpoint
-- Hand-written backfill (decision 0022): a stored definition states the contract terms its call
-- now has, the definitions' defaults (the column's default above) for calls made before them.
UPDATE `calls` SET `definition` = json_set(`definition`, '$.contract', json(`contract_terms`)) WHERE `definition` IS NOT NULL AND json_extract(`definition`, '$.contract') IS NULL;
