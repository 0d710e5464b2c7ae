ALTER TABLE `offered_posts` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stored_files` ADD `organisation_id` text REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `stored_files` ADD `application_id` text;