/**
 * `models.generateAnswer` (Attributed Question Answering, the `aqa` model). Deterministic: the answer
 * is the passage sentence sharing the most words with the question (the whole passage part for
 * `VERBOSE`), attributed to that passage part, with `answerableProbability` = the share of question
 * words the sentence contains. The emulator holds no corpus chunks (the Semantic Retriever chunk API
 * is not in the discovery document), so answers grounded through `semanticRetriever` are ungrounded:
 * no attribution and `answerableProbability` 0, as the service reports an answer it cannot ground.
 */
import type { EmulatorCore } from '../../core.js';
import { badRequest, invalidArgument } from '../../errors.js';
import { json } from '../../registry.js';
import { checkContents } from '../generation/generate.js';
import { scriptedError } from '../generation/reply.js';
import { requireModel } from '../models/lookup.js';
import { asObj, asList } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

const STOP_WORDS = new Set(
  'the and are was were what who whom whose which when where why how does did has have had for from with that this these those into onto about than then there their they them its his her our your you can could would should will shall not but any all some'.split(
    ' ',
  ),
);

/** Content words of a text: lower-case letters/digits runs of 3+ characters, minus stop words. */
function words(text: string): Set<string> {
  const all = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(all.filter((w) => w.length > 2 && !STOP_WORDS.has(w)));
}

/** The text parts of a Content, joined. */
function contentText(content: Obj): string {
  return asList(content['parts'])
    .map((p) => (typeof p['text'] === 'string' ? p['text'] : ''))
    .join('');
}

const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The best-matching sentence of the passages and where it came from. */
interface Match {
  readonly passageId: string;
  readonly partIndex: number;
  readonly partText: string;
  readonly sentence: string;
  readonly shared: number;
}

function bestMatch(passages: readonly Obj[], question: ReadonlySet<string>): Match | undefined {
  let best: Match | undefined;
  passages.forEach((passage, i) => {
    const passageId = typeof passage['id'] === 'string' ? passage['id'] : String(i);
    asList(asObj(passage['content'])['parts']).forEach((part, partIndex) => {
      const partText = typeof part['text'] === 'string' ? part['text'] : '';
      for (const sentence of sentences(partText)) {
        const shared = [...words(sentence)].filter((w) => question.has(w)).length;
        if (!best || shared > best.shared) best = { passageId, partIndex, partText, sentence, shared };
      }
    });
  });
  return best;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * `inlinePassages` and `semanticRetriever` form the required oneof `grounding_source`. Neither answer
 * is recorded for this request; both use the service's oneof wording for `Part.data` as public error
 * reports quote it ("Invalid value at 'contents[0].parts[0]' (oneof), oneof field 'data' is already
 * set. Cannot set 'inlineData'" and "* GenerateContentRequest.contents[0].parts[0].data: required
 * oneof field 'data' must have one initialized field"). Inline passages without any passage count as
 * unset here.
 */
function checkGroundingSource(body: Obj): void {
  const set = Object.keys(body).filter((k) => k === 'inlinePassages' || k === 'semanticRetriever');
  if (set.length > 1) {
    // The parser reports the second member it meets, at the enclosing message's location; printing the
    // root's location as '' is a guess.
    const description = `Invalid value at '' (oneof), oneof field 'grounding_source' is already set. Cannot set '${set[1]}'`;
    throw badRequest([{ description }]);
  }
  if (set[0] === 'semanticRetriever' || asList(asObj(body['inlinePassages'])['passages']).length > 0) return;
  throw invalidArgument(
    "* GenerateAnswerRequest.grounding_source: required oneof field 'grounding_source' must have one initialized field\n",
  );
}

/** Installs the generateAnswer handler. */
export function installAnswer(core: EmulatorCore): void {
  core.registry.register('models.generateAnswer', (call) => {
    const model = call.params['model'] ?? '';
    requireModel(core, model, call.version, 'generateAnswer');
    const body = asObj(call.body);
    // Required enum fields set to their UNSPECIFIED value count as unset (proto3 default).
    if (body['answerStyle'] === 'ANSWER_STYLE_UNSPECIFIED')
      throw invalidArgument('* GenerateAnswerRequest.answer_style: answer_style is not specified\n');
    checkContents(body, 'GenerateAnswerRequest');
    checkGroundingSource(body);
    const passages = asList(asObj(body['inlinePassages'])['passages']);
    const retriever = body['semanticRetriever'];

    const contents = asList(body['contents']);
    const question = contentText(contents.at(-1) ?? {});
    const qWords = words(question);
    const match = passages.length > 0 ? bestMatch(passages, qWords) : undefined;
    const grounded = match !== undefined && match.partText !== '';
    const fallback = grounded
      ? body['answerStyle'] === 'VERBOSE'
        ? match.partText
        : match.sentence
      : `I could not find an answer to "${question}" in ${String(asObj(retriever)['source'] ?? 'the given passages')}.`;

    const reply = core.replies.take(model);
    if (reply?.error) throw scriptedError(reply.error);
    const answerText = reply?.text ?? fallback;

    const answer: Record<string, unknown> = {
      content: { parts: [{ text: answerText }], role: 'model' },
      finishReason: 'STOP',
    };
    if (grounded) {
      answer['groundingAttributions'] = [
        {
          // proto3 JSON omits a zero partIndex.
          sourceId: {
            groundingPassage:
              match.partIndex > 0
                ? { passageId: match.passageId, partIndex: match.partIndex }
                : { passageId: match.passageId },
          },
          content: { parts: [{ text: match.partText }] },
        },
      ];
    }
    const probability = grounded && qWords.size > 0 ? round4(match.shared / qWords.size) : 0;
    // proto3 JSON omits a zero float.
    return json(probability > 0 ? { answer, answerableProbability: probability } : { answer });
  });
}
