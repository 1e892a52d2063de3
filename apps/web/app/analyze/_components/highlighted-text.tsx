import type { Entity } from '@textpulse/contracts/analyze';
import { Fragment, type ReactNode } from 'react';

interface HighlightedTextProps {
  text: string;
  entities: readonly Entity[];
}

/** The text with each entity marked at its offsets, and a legend. */
export function HighlightedText({ text, entities }: HighlightedTextProps) {
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const entity of entities) {
    if (entity.start < cursor) continue;
    parts.push(<Fragment key={`t${cursor}`}>{text.slice(cursor, entity.start)}</Fragment>);
    parts.push(
      <mark
        key={`e${entity.start}`}
        className={`entity entity--${entity.type}`}
        title={entity.type}
      >
        {text.slice(entity.start, entity.end)}
      </mark>,
    );
    cursor = entity.end;
  }
  parts.push(<Fragment key="rest">{text.slice(cursor)}</Fragment>);
  return (
    <figure className="highlight">
      <blockquote className="highlight__text" data-testid="highlighted-text">
        {parts}
      </blockquote>
      <figcaption className="legend">
        <span className="entity entity--person">person</span>
        <span className="entity entity--place">place</span>
        <span className="entity entity--organization">organization</span>
        {entities.length === 0 ? <span className="muted">No entities found.</span> : null}
      </figcaption>
    </figure>
  );
}
