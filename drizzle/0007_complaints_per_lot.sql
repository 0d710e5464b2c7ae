CREATE TABLE `complaint_lots` (
	`complaint_id` text NOT NULL,
	`lot_id` text NOT NULL,
	PRIMARY KEY(`complaint_id`, `lot_id`),
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `complaints` ADD `source` text DEFAULT 'paper' NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `decision` text;