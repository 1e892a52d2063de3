import type { AnswerView } from './answer-view';

const STATUS_TEXT = {
  streaming: 'Answering',
  done: 'Answered by',
  failed: 'No answer',
  stopped: 'Stopped',
} as const;

const ATTEMPT_TEXT = { trying: 'answering…', ok: 'answered', failed: '' } as const;

/** The answer as it grows, the model giving it and the fallback trail. */
export function PromptAnswer({ view }: { view: AnswerView }) {
  return (
    <div
      className="stack"
      data-testid="answer"
      data-status={view.status}
      aria-busy={view.status === 'streaming'}
    >
      <p className="answer__meta" data-testid="answer-status">
        {STATUS_TEXT[view.status]}
        {view.model && view.status !== 'failed' ? (
          <>
            {' '}
            <code data-testid="answer-model">{view.model}</code>
          </>
        ) : null}
      </p>
      {view.message ? (
        <p className="form__error" role="alert" data-testid="answer-message">
          {view.message}
        </p>
      ) : null}
      <pre className="answer__output" data-testid="answer-output">
        {view.output}
      </pre>
      <h3 className="subheading">Fallback trail</h3>
      <ol className="attempts" data-testid="attempts">
        {view.attempts.map((attempt, index) => (
          <li key={`${attempt.model}-${index}`} className={`attempt attempt--${attempt.state}`}>
            <span className="attempt__status" aria-hidden="true">
              {attempt.state === 'ok' ? '✓' : attempt.state === 'failed' ? '✗' : '…'}
            </span>
            <code>{attempt.model}</code>
            <span className="muted">
              {attempt.duration_ms === undefined ? '' : `${attempt.duration_ms.toFixed(1)} ms`}
            </span>
            <span className="attempt__result">{attempt.error ?? ATTEMPT_TEXT[attempt.state]}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
