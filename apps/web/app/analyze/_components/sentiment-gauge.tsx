import type { SentimentLabel } from '@textpulse/contracts/analyze';

interface SentimentGaugeProps {
  score: number;
  label: SentimentLabel;
}

/** The score on a -1…1 bar, with its label. */
export function SentimentGauge({ score, label }: SentimentGaugeProps) {
  const position = ((score + 1) / 2) * 100;
  return (
    <div className="gauge">
      <div className="gauge__head">
        <span className={`badge badge--${label}`} data-testid="sentiment-label">
          {label}
        </span>
        <span className="gauge__score">
          score <strong data-testid="sentiment-score">{score.toFixed(3)}</strong>
        </span>
      </div>
      <meter
        className="visually-hidden"
        min={-1}
        max={1}
        value={score}
        aria-label="Sentiment score"
      >
        {label}, {score.toFixed(2)}
      </meter>
      <div className="gauge__track" aria-hidden="true">
        <span className="gauge__marker" style={{ left: `${position}%` }} />
      </div>
      <div className="gauge__scale" aria-hidden="true">
        <span>-1 negative</span>
        <span>0</span>
        <span>positive 1</span>
      </div>
    </div>
  );
}
