// Public surface of video generation.
export {
  generatedVideos,
  generateVideos,
  Videos,
  type GenerateVideosInput,
  type VideoImage,
  type VideoOperation,
  type VideoParameters,
} from './videos.js';
