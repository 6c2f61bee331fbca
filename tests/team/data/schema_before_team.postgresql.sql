-- The records schema of peaceops before accounts and the audit trail (commit 16fcf64),
-- as that release created it; generated from its table definitions.

CREATE TABLE datasets (
	id SERIAL NOT NULL,
	kind VARCHAR(50) NOT NULL,
	source VARCHAR(200) NOT NULL,
	file_name VARCHAR(500) NOT NULL,
	sha256 VARCHAR(64) NOT NULL,
	version VARCHAR(100) NOT NULL,
	citation TEXT NOT NULL,
	accessed DATE NOT NULL,
	imported_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	rows_read INTEGER NOT NULL,
	rows_accepted INTEGER NOT NULL,
	rows_rejected INTEGER NOT NULL,
	details JSON NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_datasets_kind ON datasets (kind);

CREATE TABLE framework_assessments (
	id SERIAL NOT NULL,
	benchmark_id VARCHAR(200) NOT NULL,
	status VARCHAR(20) NOT NULL,
	evidence TEXT NOT NULL,
	assessed_by VARCHAR(200) NOT NULL,
	date DATE NOT NULL,
	recorded_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_framework_assessments_benchmark_id ON framework_assessments (benchmark_id);

CREATE TABLE framework_changes (
	id SERIAL NOT NULL,
	at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	who VARCHAR(200) NOT NULL,
	action VARCHAR(40) NOT NULL,
	target VARCHAR(200) NOT NULL,
	details TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE framework_observations (
	id SERIAL NOT NULL,
	indicator_id VARCHAR(200) NOT NULL,
	value FLOAT NOT NULL,
	date DATE NOT NULL,
	source TEXT NOT NULL,
	note TEXT NOT NULL,
	entered_by VARCHAR(200) NOT NULL,
	recorded_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_framework_observations_indicator_id ON framework_observations (indicator_id);

CREATE TABLE framework_versions (
	id SERIAL NOT NULL,
	recorded_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	recorded_by VARCHAR(200) NOT NULL,
	framework_id VARCHAR(200) NOT NULL,
	definition TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE mandate_resolutions (
	symbol VARCHAR(40) NOT NULL,
	number INTEGER,
	year INTEGER,
	adopted DATE,
	meeting VARCHAR(20),
	missions VARCHAR(200) NOT NULL,
	source TEXT NOT NULL,
	data TEXT NOT NULL,
	dataset_id INTEGER,
	PRIMARY KEY (symbol)
);
CREATE INDEX ix_mandate_resolutions_number ON mandate_resolutions (number);

CREATE TABLE plans (
	name VARCHAR(200) NOT NULL,
	file_name VARCHAR(500) NOT NULL,
	sha256 VARCHAR(64) NOT NULL,
	content TEXT NOT NULL,
	saved_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	PRIMARY KEY (name)
);

CREATE TABLE pointers (
	slot VARCHAR(200) NOT NULL,
	file VARCHAR(500) NOT NULL,
	updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	PRIMARY KEY (slot)
);

CREATE TABLE mandate_resolution_missions (
	symbol VARCHAR(40) NOT NULL,
	mission VARCHAR(40) NOT NULL,
	PRIMARY KEY (symbol, mission),
	FOREIGN KEY(symbol) REFERENCES mandate_resolutions (symbol) ON DELETE CASCADE
);
CREATE INDEX ix_mandate_resolution_missions_mission ON mandate_resolution_missions (mission);
