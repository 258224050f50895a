// A strict little RIFF/WAVE reader for the tests: every header field is checked against the file.

/** The fields of a PCM WAV file. */
export interface ParsedWav {
  riffSize: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  byteRate: number;
  blockAlign: number;
  dataBytes: number;
  frames: number;
  data: Buffer;
}

/** Parses a canonical 44-byte-header PCM WAV; throws when any size disagrees with the file. */
export function parseWav(file: Buffer): ParsedWav {
  const ascii = (at: number): string => file.toString('latin1', at, at + 4);
  if (ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE' || ascii(12) !== 'fmt ' || ascii(36) !== 'data') {
    throw new Error('not a canonical PCM WAV');
  }
  const riffSize = file.readUInt32LE(4);
  if (riffSize !== file.length - 8)
    throw new Error(`RIFF size ${riffSize} != file length - 8 (${file.length - 8})`);
  if (file.readUInt32LE(16) !== 16 || file.readUInt16LE(20) !== 1) throw new Error('not integer PCM');
  const channels = file.readUInt16LE(22);
  const sampleRate = file.readUInt32LE(24);
  const byteRate = file.readUInt32LE(28);
  const blockAlign = file.readUInt16LE(32);
  const bitsPerSample = file.readUInt16LE(34);
  if (blockAlign !== (channels * bitsPerSample) / 8) throw new Error('bad blockAlign');
  if (byteRate !== sampleRate * blockAlign) throw new Error('bad byteRate');
  const dataBytes = file.readUInt32LE(40);
  if (dataBytes !== file.length - 44) throw new Error(`data size ${dataBytes} != ${file.length - 44}`);
  if (dataBytes % blockAlign !== 0) throw new Error('partial frame');
  return {
    riffSize,
    sampleRate,
    channels,
    bitsPerSample,
    byteRate,
    blockAlign,
    dataBytes,
    frames: dataBytes / blockAlign,
    data: file.subarray(44),
  };
}
