CREATE TABLE `cooperation_declarations` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`first_lot_id` text NOT NULL,
	`second_lot_id` text NOT NULL,
	`partners` text NOT NULL,
	`requested_at` integer NOT NULL,
	`declared_at` integer,
	`declared_by_user_id` text,
	`declarant_name` text,
	`declarant_function` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`first_lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`second_lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`declared_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cooperation_call_org_lot` ON `cooperation_declarations` (`call_id`,`organisation_id`,`first_lot_id`);--> statement-breakpoint
ALTER TABLE `calls` ADD `tandem_tolerance_points` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `lot_bids` ADD `tandem_pair` integer DEFAULT false NOT NULL;