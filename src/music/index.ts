// Public surface of Live Music (Lyria RealTime): `client.live.music`.
export { DEFAULT_MUSIC_MODEL, LiveMusic, musicPath, type LiveMusicConnectParams } from './music.js';
export {
  LiveMusicSession,
  type LiveMusicEvents,
  type MusicConfigInput,
  type WeightedPromptsInput,
} from './session.js';
export {
  MUSIC_CONFIG_RANGES,
  MUSIC_GENERATION_MODES,
  SCALES,
  validateMusicConfig,
  validateWeightedPrompts,
  type LiveMusicPlaybackControl,
  type MusicGenerationMode,
  type Scale,
} from './config.js';
export { MUSIC_PCM_FORMAT, pcmDurationMs, type PcmChunk, type PcmFormat } from './pcm.js';
export {
  WAV_HEADER_BYTES,
  WAV_MAX_DATA_BYTES,
  wavHeader,
  writeWav,
  type WavSummary,
  type WriteWavOptions,
} from './wav.js';
