ALTER TABLE `concept_sections` ADD `role_codes` text;--> statement-breakpoint
ALTER TABLE `criteria` ADD `role_codes` text;--> statement-breakpoint
ALTER TABLE `criteria` ADD `section_codes` text DEFAULT '[]' NOT NULL;