import type { AnalyzeResponse } from '@textpulse/contracts/analyze';
import { HighlightedText } from './highlighted-text';
import { SentimentGauge } from './sentiment-gauge';

interface AnalyzeResultProps {
  text: string;
  analysis: AnalyzeResponse;
}

export function AnalyzeResult({ text, analysis }: AnalyzeResultProps) {
  return (
    <div className="stack" data-testid="analysis">
      <SentimentGauge score={analysis.sentiment_score} label={analysis.sentiment_label} />
      <dl className="stats">
        <div>
          <dt>Words</dt>
          <dd data-testid="word-count">{analysis.word_count}</dd>
        </div>
        <div>
          <dt>Entities</dt>
          <dd>{analysis.entities ? analysis.entities.length : '—'}</dd>
        </div>
      </dl>
      {analysis.entities ? <HighlightedText text={text} entities={analysis.entities} /> : null}
    </div>
  );
}
