ALTER TABLE `calls` ADD `follow_up_of_call_id` text REFERENCES calls(id);--> statement-breakpoint
ALTER TABLE `lots` ADD `volume_hundredths` integer;