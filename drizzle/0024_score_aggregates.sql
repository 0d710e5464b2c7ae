-- One row per bid, its criteria's aggregates as JSON ([[criterion_id, count, min, max, sum], …]):
-- the ranking reads 3,200 short texts instead of 25,600 rows of seven values (decision 0033).
-- WITHOUT ROWID (not expressible in the drizzle schema): read in key order, one lookup per row.
CREATE TABLE `score_aggregates` (
	`submission_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`criteria` text NOT NULL,
	PRIMARY KEY(`submission_id`, `lot_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Auftragswert fixed at the award (decision 0033); awards made before get it from `portal contracts:conclude`.
ALTER TABLE `award_decisions` ADD `value_cents` integer;
--> statement-breakpoint
CREATE INDEX `conflict_declarations_latest` ON `conflict_declarations` (`call_id`,`evaluator_id`,`organisation_id`,`declared_at`);
--> statement-breakpoint
-- The final scores that count (app/evaluation/conflicts.ts, scoreCounts; decision 0033):
-- finalised, finalised no later than the evaluator's latest certification on the call, and
-- the evaluator not kept out of the carrier's bids by their latest declaration (a conflict
-- the officers did not allow). tests/integration/ranking-aggregate.test.ts holds this to the
-- rule in TypeScript on randomised evaluations.
CREATE VIEW `counting_scores` AS
SELECT s.`submission_id`, s.`lot_id`, s.`criterion_id`, s.`evaluator_id`, s.`points`
FROM `scores` s
JOIN `lots` l ON l.`id` = s.`lot_id`
JOIN `submissions` sub ON sub.`id` = s.`submission_id`
JOIN `applications` a ON a.`id` = sub.`application_id`
WHERE s.`finalised_at` IS NOT NULL
  AND s.`finalised_at` <= (SELECT max(c.`certified_at`) FROM `conflict_certifications` c WHERE c.`call_id` = l.`call_id` AND c.`evaluator_id` = s.`evaluator_id`)
  AND NOT EXISTS (
    SELECT 1 FROM `conflict_declarations` d
    WHERE d.`id` = (
        SELECT d2.`id` FROM `conflict_declarations` d2
        WHERE d2.`call_id` = l.`call_id` AND d2.`evaluator_id` = s.`evaluator_id` AND d2.`organisation_id` = a.`organisation_id`
        ORDER BY d2.`declared_at` DESC, d2.`rowid` DESC LIMIT 1)
      AND d.`has_conflict` = 1
      AND NOT EXISTS (SELECT 1 FROM `conflict_decisions` x WHERE x.`declaration_id` = d.`id` AND x.`outcome` = 'allow'));
--> statement-breakpoint
INSERT INTO `score_aggregates`
SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE 1 GROUP BY `submission_id`, `lot_id`, `criterion_id`)
GROUP BY `submission_id`, `lot_id`;
--> statement-breakpoint
-- The one place a bid's row is computed: a row put into this queue recomputes its bid and
-- leaves again, in the writer's transaction. The triggers below only name the bids a write
-- touches.
CREATE TABLE `score_aggregates_queue` (`submission_id` text NOT NULL, `lot_id` text NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_recompute` AFTER INSERT ON `score_aggregates_queue`
BEGIN
  DELETE FROM `score_aggregates` WHERE `submission_id` = NEW.`submission_id` AND `lot_id` = NEW.`lot_id`;
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE `submission_id` = NEW.`submission_id` AND `lot_id` = NEW.`lot_id` GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
  DELETE FROM `score_aggregates_queue` WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
-- A score written: its bid; an update may move it to another bid, so both.
CREATE TRIGGER `score_aggregates_score_inserted` AFTER INSERT ON `scores`
BEGIN
  INSERT INTO `score_aggregates_queue` VALUES (NEW.`submission_id`, NEW.`lot_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_score_deleted` AFTER DELETE ON `scores`
BEGIN
  INSERT INTO `score_aggregates_queue` VALUES (OLD.`submission_id`, OLD.`lot_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_score_updated` AFTER UPDATE ON `scores`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT OLD.`submission_id`, OLD.`lot_id` UNION SELECT NEW.`submission_id`, NEW.`lot_id`;
END;
--> statement-breakpoint
-- A certification covers every score its evaluator finalised on the call until then.
CREATE TRIGGER `score_aggregates_certification_inserted` AFTER INSERT ON `conflict_certifications`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT DISTINCT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id`
    WHERE s.`evaluator_id` = NEW.`evaluator_id` AND l.`call_id` = NEW.`call_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_certification_deleted` AFTER DELETE ON `conflict_certifications`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT DISTINCT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id`
    WHERE s.`evaluator_id` = OLD.`evaluator_id` AND l.`call_id` = OLD.`call_id`;
END;
--> statement-breakpoint
-- The latest declaration about a carrier decides whether the evaluator's scores of its bids count.
CREATE TRIGGER `score_aggregates_declaration_inserted` AFTER INSERT ON `conflict_declarations`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT DISTINCT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id`
    JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id`
    WHERE s.`evaluator_id` = NEW.`evaluator_id` AND l.`call_id` = NEW.`call_id` AND a.`organisation_id` = NEW.`organisation_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_declaration_deleted` AFTER DELETE ON `conflict_declarations`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT DISTINCT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id`
    JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id`
    WHERE s.`evaluator_id` = OLD.`evaluator_id` AND l.`call_id` = OLD.`call_id` AND a.`organisation_id` = OLD.`organisation_id`;
END;
--> statement-breakpoint
-- An allowed conflict lets the scores count again.
CREATE TRIGGER `score_aggregates_decision_inserted` AFTER INSERT ON `conflict_decisions`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT DISTINCT s.`submission_id`, s.`lot_id` FROM `conflict_declarations` d JOIN `lots` l ON l.`call_id` = d.`call_id`
    JOIN `scores` s ON s.`lot_id` = l.`id` AND s.`evaluator_id` = d.`evaluator_id`
    JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` AND a.`organisation_id` = d.`organisation_id`
    WHERE d.`id` = NEW.`declaration_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_decision_deleted` AFTER DELETE ON `conflict_decisions`
BEGIN
  INSERT INTO `score_aggregates_queue` SELECT DISTINCT s.`submission_id`, s.`lot_id` FROM `conflict_declarations` d JOIN `lots` l ON l.`call_id` = d.`call_id`
    JOIN `scores` s ON s.`lot_id` = l.`id` AND s.`evaluator_id` = d.`evaluator_id`
    JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` AND a.`organisation_id` = d.`organisation_id`
    WHERE d.`id` = OLD.`declaration_id`;
END;
--> statement-breakpoint
-- Submitted content is never changed: the ranking keeps the opened snapshots in memory (decision 0033).
CREATE TRIGGER `submissions_content_immutable` BEFORE UPDATE OF `sealed_content`, `content_hash` ON `submissions`
BEGIN
  SELECT RAISE(ABORT, 'submitted content cannot be changed');
END;
