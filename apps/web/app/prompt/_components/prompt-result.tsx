import type { PromptResponse } from '@textpulse/contracts/prompt';

export function PromptResult({ answer }: { answer: PromptResponse }) {
  return (
    <div className="stack" data-testid="answer">
      <p className="answer__meta">
        Answered by <code data-testid="answer-model">{answer.model}</code>
      </p>
      <pre className="answer__output" data-testid="answer-output">
        {answer.output}
      </pre>
      <h3 className="subheading">Fallback trail</h3>
      <ol className="attempts" data-testid="attempts">
        {answer.attempts.map((attempt, index) => (
          <li
            key={`${attempt.model}-${index}`}
            className={attempt.ok ? 'attempt attempt--ok' : 'attempt attempt--failed'}
          >
            <span className="attempt__status" aria-hidden="true">
              {attempt.ok ? '✓' : '✗'}
            </span>
            <code>{attempt.model}</code>
            <span className="muted">{attempt.duration_ms.toFixed(1)} ms</span>
            <span className="attempt__result">{attempt.ok ? 'answered' : attempt.error}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
