CREATE TABLE "analyses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" text NOT NULL,
	"text" text NOT NULL,
	"extract_entities" boolean NOT NULL,
	"sentiment_score" double precision NOT NULL,
	"sentiment_label" text NOT NULL,
	"word_count" integer NOT NULL,
	"entities" jsonb
);
--> statement-breakpoint
CREATE INDEX "analyses_sentiment_label_id" ON "analyses" USING btree ("sentiment_label","id");