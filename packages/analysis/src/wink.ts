import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

/** One wink-nlp instance for the process: loading the English model takes ~100 ms. */
export const wink = winkNLP(model, ['sbd', 'negation', 'sentiment']);
