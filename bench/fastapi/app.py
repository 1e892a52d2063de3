"""The seed article's FastAPI /analyze endpoint, with the contract's limits, for comparison.

It does less work than TextPulse: a word-list sentiment and str.split() instead of an NLP library
and Unicode segmentation, so the comparison favours FastAPI.
"""
from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI(title="TextPulse API (FastAPI seed)")

POSITIVE = {"good", "great", "like", "love", "clear", "fast", "happy", "excellent", "want"}
NEGATIVE = {"bad", "slow", "long", "terrible", "hate", "unhappy", "poor", "broken"}


class AnalyzeRequest(BaseModel):
    text: str = Field(..., min_length=10, max_length=5000)
    extract_entities: bool = False


class AnalyzeResponse(BaseModel):
    sentiment_score: float
    word_count: int


def calculate_sentiment(text: str) -> float:
    words = [word.strip(".,!?;:").lower() for word in text.split()]
    score = sum(word in POSITIVE for word in words) - sum(word in NEGATIVE for word in words)
    return max(-1.0, min(1.0, score / max(len(words), 1) * 5))


@app.post("/v1/analyze", response_model=AnalyzeResponse)
async def analyze_text(payload: AnalyzeRequest) -> AnalyzeResponse:
    return AnalyzeResponse(
        sentiment_score=calculate_sentiment(payload.text),
        word_count=len(payload.text.split()),
    )
