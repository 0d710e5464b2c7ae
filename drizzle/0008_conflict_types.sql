CREATE TABLE `conflict_certifications` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`evaluator_id` text NOT NULL,
	`certified_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conflict_certifications_evaluator` ON `conflict_certifications` (`call_id`,`evaluator_id`,`certified_at`);--> statement-breakpoint
CREATE TABLE `conflict_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`declaration_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text NOT NULL,
	`decided_by_user_id` text NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`declaration_id`) REFERENCES `conflict_declarations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conflict_decisions_declaration` ON `conflict_decisions` (`declaration_id`);--> statement-breakpoint
ALTER TABLE `conflict_declarations` ADD `types` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Declarations made before the types existed: a declared conflict becomes "other" with its note.
UPDATE `conflict_declarations` SET `types` = '["other"]' WHERE `has_conflict` = 1;
