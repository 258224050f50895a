/**
 * The emulated model catalogue, as data: which models the service serves today, which it has retired,
 * and what each one can do. Where each fact comes from:
 * - RECORDED: the first page of a real `GET /v1beta/models` (recorded traffic:
 *   llm-gemini__test_cli_gemini_models__01.json), rows in its order, fields as recorded.
 * - CURRENT_UNRECORDED: models the service serves that the recorded page does not reach (the list's
 *   later pages): Gemma 3 / 3n (recorded generateContent calls to `gemma-3-27b-it`, `gemma-3n-*` got 200),
 *   Veo 2/3, text and native-audio Live models, Lyria RealTime. Shaped like the recorded rows; names and
 *   methods from Google's public model pages (ai.google.dev/gemini-api/docs/models) and @google/genai's
 *   docs; limits follow the recorded rows of the same family.
 * - RETIRED: models the service once offered and has shut down, with the shutdown date Google's
 *   deprecations and release-notes pages give (ai.google.dev/gemini-api/docs/deprecations, /changelog).
 *   They answer the service's model 404 unless an emulator starts with `models: 'all'`.
 * - OUTPUT_MODALITIES: what each family can answer with (`responseModalities`), from the same model
 *   pages (TTS models speak only, image models draw and write, Live models speak or write).
 */
/** A model as `models.get`/`models.list` return it (fields the service omits stay absent). */
export interface ModelInfo {
  readonly name: string;
  readonly baseModelId?: string;
  readonly version: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly inputTokenLimit?: number;
  readonly outputTokenLimit?: number;
  readonly supportedGenerationMethods: readonly string[];
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly maxTemperature?: number;
  readonly thinking?: boolean;
}

// id | version | displayName | description | inputTokenLimit | outputTokenLimit | methods |
// temperature,topP,topK,maxTemperature (or -) | thinking (or -)
const RECORDED = `
gemini-2.5-flash | 001 | Gemini 2.5 Flash | Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025. | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-2.5-pro | 2.5 | Gemini 2.5 Pro | Stable release (June 17th, 2025) of Gemini 2.5 Pro | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-2.0-flash | 2.0 | Gemini 2.0 Flash | Gemini 2.0 Flash | 1048576 | 8192 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,40,2 | -
gemini-2.0-flash-001 | 2.0 | Gemini 2.0 Flash 001 | Stable version of Gemini 2.0 Flash, our fast and versatile multimodal model for scaling across diverse tasks, released in January of 2025. | 1048576 | 8192 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,40,2 | -
gemini-2.0-flash-lite-001 | 2.0 | Gemini 2.0 Flash-Lite 001 | Stable version of Gemini 2.0 Flash-Lite | 1048576 | 8192 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,40,2 | -
gemini-2.0-flash-lite | 2.0 | Gemini 2.0 Flash-Lite | Gemini 2.0 Flash-Lite | 1048576 | 8192 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,40,2 | -
gemini-2.5-flash-preview-tts | gemini-2.5-flash-exp-tts-2025-05-19 | Gemini 2.5 Flash Preview TTS | Gemini 2.5 Flash Preview TTS | 8192 | 16384 | countTokens,generateContent | 1,0.95,64,2 | -
gemini-2.5-pro-preview-tts | gemini-2.5-pro-preview-tts-2025-05-19 | Gemini 2.5 Pro Preview TTS | Gemini 2.5 Pro Preview TTS | 8192 | 16384 | countTokens,generateContent,batchGenerateContent | 1,0.95,64,2 | -
gemma-4-26b-a4b-it | 001 | Gemma 4 26B A4B IT | Gemma 4 26B A4B IT | 262144 | 32768 | generateContent,countTokens | 1,0.95,64,2 | thinking
gemma-4-31b-it | 001 | Gemma 4 31B IT | Gemma 4 31B IT | 262144 | 32768 | generateContent,countTokens | 1,0.95,64,2 | thinking
gemini-flash-latest | Gemini Flash Latest | Gemini Flash Latest | Latest release of Gemini Flash | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-flash-lite-latest | Gemini Flash-Lite Latest | Gemini Flash-Lite Latest | Latest release of Gemini Flash-Lite | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-pro-latest | Gemini Pro Latest | Gemini Pro Latest | Latest release of Gemini Pro | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-2.5-flash-lite | 001 | Gemini 2.5 Flash-Lite | Stable version of Gemini 2.5 Flash-Lite, released in July of 2025 | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-2.5-flash-image | 2.0 | Nano Banana | Gemini 2.5 Flash Preview Image | 32768 | 32768 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | -
gemini-3-pro-preview | 3-pro-preview-11-2025 | Gemini 3 Pro Preview | Gemini 3 Pro Preview | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3-flash-preview | 3-flash-preview-12-2025 | Gemini 3 Flash Preview | Gemini 3 Flash Preview | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3.1-pro-preview | 3.1-pro-preview-01-2026 | Gemini 3.1 Pro Preview | Gemini 3.1 Pro Preview | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3.1-pro-preview-customtools | 3.1-pro-preview-01-2026 | Gemini 3.1 Pro Preview Custom Tools | Gemini 3.1 Pro Preview optimized for custom tool usage | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3.1-flash-lite-preview | 3.1-flash-lite-preview-03-2026 | Gemini 3.1 Flash Lite Preview | Gemini 3.1 Flash Lite Preview | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3.1-flash-lite | 3.1-flash-lite-05-2026 | Gemini 3.1 Flash Lite | Gemini 3.1 Flash Lite | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3-pro-image-preview | 3.0 | Nano Banana Pro | Gemini 3 Pro Image Preview | 131072 | 32768 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | thinking
gemini-3-pro-image | 3.0 | Nano Banana Pro | Gemini 3 Pro Image | 131072 | 32768 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | thinking
nano-banana-pro-preview | 3.0 | Nano Banana Pro | Gemini 3 Pro Image Preview | 131072 | 32768 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | thinking
gemini-3.1-flash-image-preview | 3.0 | Nano Banana 2 | Gemini 3.1 Flash Image Preview. | 65536 | 65536 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | thinking
gemini-3.1-flash-image | 3.0 | Nano Banana 2 | Gemini 3.1 Flash Image. | 65536 | 65536 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | thinking
gemini-3.1-flash-lite-image | 3.0 | Nano Banana 2 Lite | Gemini 3.1 Flash Lite Image. | 65536 | 65536 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,1 | thinking
gemini-3.5-flash | 3.5-flash-05-2026 | Gemini 3.5 Flash | Gemini 3.5 Flash | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-3.5-flash-lite | 3.5-flash-lite-07-2026 | Gemini 3.5 Flash Lite | Gemini 3.5 Flash Lite | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-omni-flash-preview | 001 | Gemini Omni Flash Preview | Gemini Omni Flash Preview | 131072 | 65536 | generateContent,countTokens | 1,0.95,64,2 | thinking
gemini-3.6-flash | 3.6-flash-07-2026 | Gemini 3.6 Flash | Gemini 3.6 Flash | 1048576 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
lyria-3-clip-preview | lyria-3-clip-preview | Lyria 3 Clip Preview | Lyria 3 30s model Preview | 1048576 | 65536 | generateContent,countTokens | 1,0.95,64,2 | -
lyria-3-pro-preview | lyria-3-pro-preview | Lyria 3 Pro Preview | Lyria 3 Pro Preview | 1048576 | 65536 | generateContent,countTokens | 1,0.95,64,2 | -
gemini-3.1-flash-tts-preview | 3.1-flash-tts-preview | Gemini 3.1 Flash TTS Preview | Gemini 3.1 Flash TTS Preview | 8192 | 16384 | generateContent,countTokens,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-robotics-er-1.5-preview | 1.5-preview | Gemini Robotics-ER 1.5 Preview | Gemini Robotics-ER 1.5 Preview | 1048576 | 65536 | generateContent,countTokens | 1,0.95,64,2 | thinking
gemini-robotics-er-1.6-preview | 1.6-preview | Gemini Robotics-ER 1.6 Preview | Gemini Robotics-ER 1.6 Preview | 131072 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-robotics-er-2-preview | 2-preview | Gemini Robotics-ER 2 Preview | Gemini Robotics-ER 2 Preview | 131072 | 65536 | generateContent,countTokens,createCachedContent,batchGenerateContent | 1,0.95,64,2 | thinking
gemini-2.5-computer-use-preview-10-2025 | Gemini 2.5 Computer Use Preview 10-2025 | Gemini 2.5 Computer Use Preview 10-2025 | Gemini 2.5 Computer Use Preview 10-2025 | 131072 | 65536 | generateContent,countTokens | 1,0.95,64,2 | thinking
antigravity-preview-05-2026 | 0.1 | Antigravity Agent Preview | Preview release of Antigravity Agent (05-2026) | 131072 | 65536 | generateContent,countTokens | - | -
deep-research-max-preview-04-2026 | deepthink-exp-05-20 | Deep Research Max Preview (Apr-21-2026) | Preview release (April 21st, 2026) of Deep Research Max | 131072 | 65536 | generateContent,countTokens | 1,0.95,64,2 | thinking
deep-research-preview-04-2026 | deepthink-exp-05-20 | Deep Research Preview (Apr-21-2026) | Preview release (April 21th, 2026) of Deep Research | 131072 | 65536 | generateContent,countTokens | 1,0.95,64,2 | thinking
deep-research-pro-preview-12-2025 | deepthink-exp-05-20 | Deep Research Pro Preview (Dec-12-2025) | Preview release (December 12th, 2025) of Deep Research Pro | 131072 | 65536 | generateContent,countTokens | 1,0.95,64,2 | thinking
gemini-embedding-001 | 001 | Gemini Embedding 001 | Obtain a distributed representation of a text. | 2048 | 1 | embedContent,countTextTokens,countTokens,asyncBatchEmbedContent | - | -
gemini-embedding-2-preview | 2 | Gemini Embedding 2 Preview | Obtain a distributed representation of multimodal content. | 8192 | 1 | embedContent,countTextTokens,countTokens,asyncBatchEmbedContent | - | -
gemini-embedding-2 | 2 | Gemini Embedding 2 | Obtain a distributed representation of multimodal content. | 8192 | 1 | embedContent,countTextTokens,countTokens,asyncBatchEmbedContent | - | -
aqa | 001 | Model that performs Attributed Question Answering. | Model trained to return answers to questions that are grounded in provided sources, along with estimating answerable probability. | 7168 | 1024 | generateAnswer | 0.2,1,40, | -
imagen-4.0-generate-001 | 001 | Imagen 4 | Vertex served Imagen 4.0 model | 480 | 8192 | predict | - | -
imagen-4.0-ultra-generate-001 | 001 | Imagen 4 Ultra | Vertex served Imagen 4.0 ultra model | 480 | 8192 | predict | - | -
imagen-4.0-fast-generate-001 | 001 | Imagen 4 Fast | Vertex served Imagen 4.0 Fast model | 480 | 8192 | predict | - | -
veo-3.1-generate-preview | 3.1 | Veo 3.1 | Veo 3.1 | 480 | 8192 | predictLongRunning | - | -
`;

const CURRENT_UNRECORDED = `
gemma-3-1b-it | 001 | Gemma 3 1B | Gemma 3 1B | 32768 | 8192 | generateContent,countTokens | 1,0.95,64,1 | -
gemma-3-4b-it | 001 | Gemma 3 4B | Gemma 3 4B | 32768 | 8192 | generateContent,countTokens | 1,0.95,64,1 | -
gemma-3-12b-it | 001 | Gemma 3 12B | Gemma 3 12B | 32768 | 8192 | generateContent,countTokens | 1,0.95,64,1 | -
gemma-3-27b-it | 001 | Gemma 3 27B | Gemma 3 27B | 131072 | 8192 | generateContent,countTokens | 1,0.95,64,1 | -
gemma-3n-e4b-it | 001 | Gemma 3n E4B | Gemma 3n E4B | 8192 | 2048 | generateContent,countTokens | 1,0.95,64,1 | -
gemma-3n-e2b-it | 001 | Gemma 3n E2B | Gemma 3n E2B | 8192 | 2048 | generateContent,countTokens | 1,0.95,64,1 | -
veo-2.0-generate-001 | 2.0 | Veo 2 | Vertex served Veo 2 model. | 480 | 8192 | predictLongRunning | - | -
veo-3.0-fast-generate-001 | 3.0 | Veo 3 Fast | Veo 3 fast | 480 | 8192 | predictLongRunning | - | -
veo-3.1-fast-generate-preview | 3.1 | Veo 3.1 Fast | Veo 3.1 Fast | 480 | 8192 | predictLongRunning | - | -
veo-3.1-lite-generate-preview | 3.1 | Veo 3.1 Lite | Veo 3.1 Lite | 480 | 8192 | predictLongRunning | - | -
veo-3.0-generate-001 | 3.0 | Veo 3 | Veo 3 | 480 | 8192 | predictLongRunning | - | -
gemini-2.5-flash-native-audio-latest | Gemini 2.5 Flash Native Audio Latest | Gemini 2.5 Flash Native Audio Latest | Latest release of Gemini 2.5 Flash Native Audio | 131072 | 8192 | countTokens,bidiGenerateContent | 1,0.95,64,2 | thinking
gemini-2.5-flash-native-audio-preview-09-2025 | Gemini 2.5 Flash Native Audio Preview 09-2025 | Gemini 2.5 Flash Native Audio Preview 09-2025 | Gemini 2.5 Flash Native Audio Preview 09-2025 | 131072 | 8192 | countTokens,bidiGenerateContent | 1,0.95,64,2 | thinking
gemini-2.5-flash-native-audio-preview-12-2025 | Gemini 2.5 Flash Native Audio Preview 12-2025 | Gemini 2.5 Flash Native Audio Preview 12-2025 | Gemini 2.5 Flash Native Audio Preview 12-2025 | 131072 | 8192 | countTokens,bidiGenerateContent | 1,0.95,64,2 | thinking
gemini-live-2.5-flash-preview | 001 | Gemini Live 2.5 Flash Preview | Gemini Live 2.5 Flash Preview | 1048576 | 8192 | bidiGenerateContent,countTokens | 1,0.95,64,2 | -
lyria-realtime-exp | exp | Lyria Realtime Experimental | Lyria Realtime Experimental | 131072 | 8192 | bidiGenerateMusic | - | -
`;

function parseRow(line: string): ModelInfo {
  const [
    id = '',
    version = '',
    displayName = '',
    description = '',
    input = '',
    output = '',
    methods = '',
    sampling = '-',
    thinking = '-',
  ] = line.split(' | ');
  const [temperature, topP, topK, maxTemperature] = sampling === '-' ? [] : sampling.split(',').map(Number);
  return {
    name: `models/${id}`,
    version,
    displayName,
    description,
    inputTokenLimit: Number(input),
    outputTokenLimit: Number(output),
    supportedGenerationMethods: methods.split(','),
    ...(temperature === undefined ? {} : { temperature, topP, topK, maxTemperature }),
    ...(thinking === 'thinking' ? { thinking: true } : {}),
  };
}

const parseTable = (table: string): ModelInfo[] => table.trim().split('\n').map(parseRow);

/** A model the service has shut down, and when (Google's deprecations / release-notes pages). */
export interface Retirement {
  /** `models/x`. */
  readonly name: string;
  /** Shutdown date (ISO `YYYY-MM-DD`), or the year-month when only that is published. */
  readonly shutdown: string;
  /** The replacement Google recommends, when it names one. */
  readonly replacement?: string;
}

// id | display name | methods | shutdown | replacement (or -). Generation models share limits per family.
const RETIRED = `
gemini-1.0-pro | Gemini 1.0 Pro | generateContent,countTokens | 2025-02-15 | gemini-2.0-flash
gemini-1.0-pro-001 | Gemini 1.0 Pro 001 | generateContent,countTokens | 2025-02-15 | gemini-2.0-flash
gemini-1.0-pro-latest | Gemini 1.0 Pro Latest | generateContent,countTokens | 2025-02-15 | gemini-2.0-flash
gemini-pro | Gemini Pro | generateContent,countTokens | 2025-02-15 | gemini-2.0-flash
gemini-1.0-pro-vision-latest | Gemini 1.0 Pro Vision | generateContent,countTokens | 2024-07-12 | gemini-2.0-flash
gemini-pro-vision | Gemini Pro Vision | generateContent,countTokens | 2024-07-12 | gemini-2.0-flash
gemini-1.5-pro | Gemini 1.5 Pro | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-pro
gemini-1.5-pro-001 | Gemini 1.5 Pro 001 | generateContent,countTokens,createCachedContent | 2025-05-24 | gemini-2.5-pro
gemini-1.5-pro-002 | Gemini 1.5 Pro 002 | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-pro
gemini-1.5-pro-latest | Gemini 1.5 Pro Latest | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-pro
gemini-1.5-flash | Gemini 1.5 Flash | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-flash
gemini-1.5-flash-001 | Gemini 1.5 Flash 001 | generateContent,countTokens,createCachedContent,createTunedModel | 2025-05-24 | gemini-2.5-flash
gemini-1.5-flash-002 | Gemini 1.5 Flash 002 | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-flash
gemini-1.5-flash-latest | Gemini 1.5 Flash Latest | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-flash
gemini-1.5-flash-8b | Gemini 1.5 Flash-8B | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-flash-lite
gemini-1.5-flash-8b-001 | Gemini 1.5 Flash-8B 001 | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-flash-lite
gemini-1.5-flash-8b-latest | Gemini 1.5 Flash-8B Latest | generateContent,countTokens,createCachedContent | 2025-09-24 | gemini-2.5-flash-lite
gemini-2.0-flash-exp | Gemini 2.0 Flash Experimental | generateContent,countTokens,bidiGenerateContent | 2025-09 | gemini-2.5-flash
gemini-2.0-flash-thinking-exp-01-21 | Gemini 2.0 Flash Thinking Experimental 01-21 | generateContent,countTokens | 2025-09 | gemini-2.5-flash
gemini-2.0-pro-exp-02-05 | Gemini 2.0 Pro Experimental 02-05 | generateContent,countTokens | 2025-09 | gemini-2.5-pro
gemini-2.0-flash-lite-preview-02-05 | Gemini 2.0 Flash-Lite Preview 02-05 | generateContent,countTokens | 2025-09 | gemini-2.0-flash-lite
gemini-2.0-flash-exp-image-generation | Gemini 2.0 Flash (Image Generation) Experimental | generateContent,countTokens | 2025-11-14 | gemini-2.5-flash-image
gemini-2.0-flash-preview-image-generation | Gemini 2.0 Flash Preview Image Generation | generateContent,countTokens | 2025-11-14 | gemini-2.5-flash-image
gemini-2.0-flash-live-001 | Gemini 2.0 Flash 001 Live | bidiGenerateContent,countTokens | 2025-12-09 | gemini-2.5-flash-native-audio-preview-12-2025
gemini-2.5-pro-exp-03-25 | Gemini 2.5 Pro Experimental 03-25 | generateContent,countTokens | 2025-12-02 | gemini-2.5-pro
gemini-2.5-pro-preview-03-25 | Gemini 2.5 Pro Preview 03-25 | generateContent,countTokens,createCachedContent,batchGenerateContent | 2025-12-02 | gemini-2.5-pro
gemini-2.5-pro-preview-05-06 | Gemini 2.5 Pro Preview 05-06 | generateContent,countTokens,createCachedContent,batchGenerateContent | 2025-12-02 | gemini-2.5-pro
gemini-2.5-pro-preview-06-05 | Gemini 2.5 Pro Preview | generateContent,countTokens,createCachedContent,batchGenerateContent | 2025-12-02 | gemini-2.5-pro
gemini-2.5-flash-preview-04-17 | Gemini 2.5 Flash Preview 04-17 | generateContent,countTokens,createCachedContent,batchGenerateContent | 2025-07-15 | gemini-2.5-flash
gemini-2.5-flash-preview-05-20 | Gemini 2.5 Flash Preview 05-20 | generateContent,countTokens,createCachedContent,batchGenerateContent | 2025-11-18 | gemini-2.5-flash
gemini-2.5-flash-preview-09-2025 | Gemini 2.5 Flash Preview Sep 2025 | generateContent,countTokens,createCachedContent,batchGenerateContent | 2026-02-17 | gemini-2.5-flash
gemini-2.5-flash-lite-preview-06-17 | Gemini 2.5 Flash-Lite Preview 06-17 | generateContent,countTokens,createCachedContent,batchGenerateContent | 2025-08-25 | gemini-2.5-flash-lite
gemini-2.5-flash-image-preview | Nano Banana | generateContent,countTokens,batchGenerateContent | 2026-01-15 | gemini-2.5-flash-image
embedding-001 | Embedding 001 | embedContent | 2025-08-14 | gemini-embedding-001
embedding-gecko-001 | Embedding Gecko | embedText,countTextTokens | 2025-08-14 | gemini-embedding-001
text-embedding-004 | Text Embedding 004 | embedContent | 2026-01-14 | gemini-embedding-001
gemini-embedding-exp-03-07 | Gemini Embedding Experimental 03-07 | embedContent,countTextTokens,countTokens | 2025-08-14 | gemini-embedding-001
gemini-embedding-exp | Gemini Embedding Experimental | embedContent,countTextTokens,countTokens | 2025-08-14 | gemini-embedding-001
text-bison-001 | PaLM 2 (Legacy) | generateText,countTextTokens,createTunedTextModel | 2024-08-15 | gemini-2.0-flash
chat-bison-001 | PaLM 2 Chat (Legacy) | generateMessage,countMessageTokens | 2024-08-15 | gemini-2.0-flash
imagen-3.0-generate-002 | Imagen 3.0 002 model | predict | 2025-11-10 | imagen-4.0-generate-001
imagen-4.0-generate-preview-06-06 | Imagen 4 (Preview) | predict | 2026-02-17 | imagen-4.0-generate-001
imagen-4.0-ultra-generate-preview-06-06 | Imagen 4 Ultra (Preview) | predict | 2026-02-17 | imagen-4.0-ultra-generate-001
veo-3.0-generate-preview | Veo 3 (Preview) | predictLongRunning | 2025-11-12 | veo-3.0-generate-001
veo-3.0-fast-generate-preview | Veo 3 Fast (Preview) | predictLongRunning | 2025-11-12 | veo-3.0-fast-generate-001
`;

function parseRetired(line: string): { info: ModelInfo; retirement: Retirement } {
  const [id = '', displayName = '', methods = '', shutdown = '', replacement = '-'] = line.split(' | ');
  const name = `models/${id}`;
  const generative = methods.includes('generateContent') || methods.includes('generateText');
  const info: ModelInfo = {
    name,
    version: '001',
    displayName,
    description: `${displayName} (shut down ${shutdown})`,
    inputTokenLimit: generative ? 1048576 : methods.includes('predict') ? 480 : 2048,
    outputTokenLimit: generative ? 8192 : 1,
    supportedGenerationMethods: methods.split(','),
    ...(generative ? { temperature: 1, topP: 0.95, topK: 40, maxTemperature: 2 } : {}),
  };
  return { info, retirement: { name, shutdown, ...(replacement !== '-' ? { replacement } : {}) } };
}

/** Number of catalog entries taken from the recorded first page (the default page size is 50). */
export const RECORDED_MODELS = 50;

/** The models the service serves today, in list order (the default catalog). */
export const MODEL_CATALOG: readonly ModelInfo[] = [
  ...parseTable(RECORDED),
  ...parseTable(CURRENT_UNRECORDED),
];

const retired = RETIRED.trim().split('\n').map(parseRetired);

/** Models the service has shut down, as they were listed (served only with `models: 'all'`). */
export const RETIRED_MODELS: readonly ModelInfo[] = retired.map((r) => r.info);

/** Retirement records by `models/…` name. */
export const RETIREMENTS: ReadonlyMap<string, Retirement> = new Map(
  retired.map((r) => [r.retirement.name, r.retirement]),
);

/** Output modalities by model family (first match wins; the default is text only). */
const OUTPUT_MODALITIES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/-tts(-|$)/, ['AUDIO']],
  [/(^|-)image(-|$)|^nano-banana|image-generation/, ['TEXT', 'IMAGE']],
  [/native-audio|^gemini-live|-live(-|$)/, ['TEXT', 'AUDIO']],
  [/^lyria-3/, ['AUDIO', 'TEXT']],
];

/** The `responseModalities` a model can answer with (custom models: text). */
export function outputModalities(name: string): readonly string[] {
  const id = name.replace(/^models\//, '');
  return OUTPUT_MODALITIES.find(([re]) => re.test(id))?.[1] ?? ['TEXT'];
}
