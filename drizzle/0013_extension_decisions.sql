CREATE TABLE `extension_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`trigger` text NOT NULL,
	`question_id` text,
	`amendment_number` integer,
	`previous_deadline` integer NOT NULL,
	`proposed_deadline` integer NOT NULL,
	`new_deadline` integer,
	`extension_amendment_number` integer,
	`reason` text,
	`decided_at` integer NOT NULL,
	`decided_by_user_id` text NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `amendments` ADD `material` integer DEFAULT false NOT NULL;