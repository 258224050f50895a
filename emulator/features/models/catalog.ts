/**
 * The emulated model list. The first 50 rows are the first page of a recorded
 * `GET /v1beta/models` (test/fixtures/transcripts/llm-gemini__test_cli_gemini_models__01.json), in
 * its order; the rest stand in for the unrecorded second page (video, legacy embedding, Live and
 * music models later areas need), shaped like the recorded ones.
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

const SECOND_PAGE = `
veo-3.1-fast-generate-preview | 3.1 | Veo 3.1 Fast | Veo 3.1 Fast | 480 | 8192 | predictLongRunning | - | -
veo-3.1-lite-generate-preview | 3.1 | Veo 3.1 Lite | Veo 3.1 Lite | 480 | 8192 | predictLongRunning | - | -
veo-3.0-generate-001 | 3.0 | Veo 3 | Veo 3 | 480 | 8192 | predictLongRunning | - | -
text-embedding-004 | 004 | Text Embedding 004 | Obtain a distributed representation of a text. | 2048 | 1 | embedContent | - | -
gemini-2.5-flash-native-audio-latest | Gemini 2.5 Flash Native Audio Latest | Gemini 2.5 Flash Native Audio Latest | Latest release of Gemini 2.5 Flash Native Audio | 131072 | 8192 | countTokens,bidiGenerateContent | 1,0.95,64,2 | thinking
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

/** Number of catalog entries taken from the recorded first page (the default page size is 50). */
export const RECORDED_MODELS = 50;

/** The default catalog, in list order. */
export const MODEL_CATALOG: readonly ModelInfo[] = [...parseTable(RECORDED), ...parseTable(SECOND_PAGE)];
