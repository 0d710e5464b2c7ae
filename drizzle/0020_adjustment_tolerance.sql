-- Hand-written (decision 0026): the Nachsteuerung's trigger becomes a contract term,
-- `adjustmentTolerancePercent`. Calls, their stored definitions and contracts made before it
-- get 10 %, the plan's key tolerance that proposals used until now, so nothing changes for them.
UPDATE `calls` SET `contract_terms` = json_set(`contract_terms`, '$.adjustmentTolerancePercent', 10) WHERE json_extract(`contract_terms`, '$.adjustmentTolerancePercent') IS NULL;--> statement-breakpoint
UPDATE `calls` SET `definition` = json_set(`definition`, '$.contract.adjustmentTolerancePercent', 10) WHERE `definition` IS NOT NULL AND json_extract(`definition`, '$.contract') IS NOT NULL AND json_extract(`definition`, '$.contract.adjustmentTolerancePercent') IS NULL;--> statement-breakpoint
UPDATE `contracts` SET `terms` = json_set(`terms`, '$.adjustmentTolerancePercent', 10) WHERE json_extract(`terms`, '$.adjustmentTolerancePercent') IS NULL;
