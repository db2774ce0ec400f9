DROP TABLE coverage_settings;
DROP TABLE coverage_targets;
DROP TABLE coverage_monthly;
DROP TABLE coverage_counts;
DROP TABLE coverage_facts;
