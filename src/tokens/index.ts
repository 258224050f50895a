// Public surface of local tokenization.
export {
  LocalTokenizer,
  UnsupportedModelError,
  type LocalCountInput,
  type LocalCountResult,
  type TokensInfo,
} from './local-tokenizer.js';
export { SUPPORTED_MODEL_FAMILIES, tokenizerFor, type TokenizerName } from './support.js';
