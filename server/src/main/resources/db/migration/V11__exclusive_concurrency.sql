-- Seed 000's exclusive concurrency: calls of a model inside the purchased exclusive slots consume
-- no credit; they are limited only by those slots. The flag travels from the package to what a
-- purchase holds, and to each hold that used an exclusive slot (settle charges that call nothing).
ALTER TABLE packages ADD COLUMN exclusive boolean NOT NULL DEFAULT false;
ALTER TABLE packages ADD CONSTRAINT packages_exclusive_is_concurrency CHECK (NOT exclusive OR kind = 'concurrency');
ALTER TABLE concurrency_packages ADD COLUMN exclusive boolean NOT NULL DEFAULT false;
ALTER TABLE holds ADD COLUMN exclusive boolean NOT NULL DEFAULT false;
