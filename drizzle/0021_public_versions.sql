CREATE TABLE `public_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `public_versions_version_idx` ON `public_versions` (`version`);