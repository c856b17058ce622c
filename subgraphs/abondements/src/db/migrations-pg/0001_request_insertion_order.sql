-- The order France Travail requests were made in (their ids are random): SQLite has its rowid,
-- PostgreSQL this identity column. The queries read it through the store (insertionOrder); the
-- schema does not declare it, so rows are the same in both dialects.
ALTER TABLE "france_travail_requests" ADD COLUMN "seq" bigint GENERATED ALWAYS AS IDENTITY;
