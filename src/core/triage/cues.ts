import { plainPunctuation } from './text.ts';
import type { TriageLabel } from './triage-input.ts';

/**
 * Readable cues: phrases a housing officer would point at when deciding what a message is. Each cue is
 * evidence for one label, and the trained model learns how much each is worth. A cue that finds its phrase
 * quotes it, so the reason shows the resident's own words.
 *
 * The phrases come from the Code (1.2 to 1.6) and from how residents write, not from individual corpus lines.
 */

/** The name of a cue: stable, because the trained model's weights are keyed on it. */
export type CueId =
  | 'asks-to-complain'
  | 'asks-to-escalate'
  | 'adds-to-complaint'
  | 'repeat-report'
  | 'no-response'
  | 'still-not-fixed'
  | 'broken-promise'
  | 'long-wait'
  | 'missed-appointment'
  | 'dissatisfaction'
  | 'staff-conduct'
  | 'wrong-assessment'
  | 'unfair-treatment'
  | 'remedy-sought'
  | 'charge-dispute'
  | 'cannot-reach-us'
  | 'mishandled'
  | 'poor-work'
  | 'challenging-question'
  | 'sarcasm'
  | 'neglect'
  | 'disputes-decision'
  | 'expectation-let-down'
  | 'request'
  | 'question'
  | 'first-report'
  | 'gives-details'
  | 'repair-report'
  | 'neighbour-report'
  | 'thanks'
  | 'accepts-response'
  | 'not-for-us'
  | 'addressed-elsewhere'
  | 'marketing'
  | 'for-information'
  | 'other-agency'
  | 'compliment'
  | 'open-request';

type Cue = {
  id: CueId;
  /** The label this cue is evidence for. */
  supports: TriageLabel;
  /** True when the cue is a sign of dissatisfaction with the landlord's service (Code 1.2). */
  dissatisfaction: boolean;
  /** Start of the reason; the quoted phrase follows. */
  reason: string;
  patterns: RegExp[];
  /** Ignore a match with "not", "no" or "never" just before it: "no complaints", "not unhappy". */
  negatable?: boolean;
  /** Count a match only when the message also names someone acting for the landlord. */
  needsStaff?: boolean;
  /** Ignore the closing courtesy ("Thanks, Alan"): politeness at the end of a letter is not a compliment. */
  skipsSignOff?: boolean;
  /** A character the text must contain for any pattern to match: a cheap test that saves scanning. */
  needs?: string;
};

/** A cue that fired, with the phrase that fired it. */
export type CueHit = { id: CueId; supports: TriageLabel; dissatisfaction: boolean; reason: string; quote: string };

// Building blocks. `\b` around words; the text is matched case-insensitively.
const NOBODY = String.raw`(?:nobody|no ?one|no-one|noone|no body|no-body)`;
const YOUR = String.raw`(?:your|ur|yr|the)`;
const NOT = String.raw`(?:n'?t|not| not)`;
const COUNT = String.raw`(?:twice|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|countless|\d+)`;
const NTH = String.raw`(?:second|third|fourth|fifth|sixth|seventh|2nd|3rd|4th|5th|6th|7th|\d+th)`;
const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;
const PERIOD = String.raw`(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many|a few|couple of)\s+(?:days?|weeks?|wks?|months?|years?)`;
const CLAUSE = String.raw`[^.!?\n]`;
/** After "still": not inside a question whether something still stands ("can you confirm whether it is still on"). */
const NOT_ASKING_WHETHER = String.raw`(?<!\b(?:whether|if)\b[^.!?\n]{0,40}still)(?<!\b(?:are|r|is|was|were|will) (?:you|u|ya|they|he|she|we|it|the \w+) still)`;
const STAFF = new RegExp(
  String.raw`\b(?:${YOUR} (?:officer|staff|colleague|team|contractor|contractors|plumber|electrician|engineer|surveyor|operative|operatives|workm[ae]n|repairs? (?:man|men|officer|team|line)|lettings officer|housing officer|decant officer|investigator|call handler|office|receptionist|inspector|agent|caretaker|gardeners?|lot)|(?:your|ur|yr) (?:lady|man|company|firm|people|(?:\w+ ){1,2}team)|(?:housing|lettings|repairs|income|neighbourhood|asb|tenancy|case|estate) officer|officer|contractors?|operatives?|engineers?|plumbers?|electricians?|workmen|workers|staff|builders?|fitters?|roofers?|joiners?|carpenters?|decorators?|painters?|scaffolders?|cleaners?|handym[ae]n|tradesm[ae]n|surveyors?|clerk of works|(?:grass|grounds|gardening|maintenance) (?:cutters|team|contractors?|men|lads)|the (?:man|woman|lady|person|young man|guy|lad|bloke|chap|fella) (?:who|on|i spoke|that|you sent|you'?ve sent|they sent) ?(?:came|come|did|fixed|was sent|you sent)?|office lady|call centre|your lot|ur lot|managing agent|committee)\b`,
  'i',
);

const CUES: readonly Cue[] = [
  // Code 1.2: a complaint need not use the word, but when a resident asks for one it is one.
  {
    id: 'asks-to-complain', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'asks to make a complaint',
    patterns: [
      new RegExp(String.raw`\b(?:make|making|raise|raising|log|logging|lodge|lodging|register|put in|submit|record|treat|treated|take|accept|consider|go down|count|put this down|recorded|pass|passed|passing|forward|send|log it)\b${CLAUSE}{0,30}\bas (?:a |an |my )?(?:formal |official )?complaint\b`, 'i'),
      new RegExp(String.raw`\b(?:make|making|raise|raising|lodge|lodging|register|put in|submit|file|log)\b(?: a| an| my)? (?:formal |official )?complaint\b(?! about (?:my|a|the|our|next door'?s?) (?:neighbour|neighbours|neighbour's|next door|upstairs|downstairs|dog|noise))`, 'i'),
      new RegExp(String.raw`\b(?:formal|official) complaint\b`, 'i'),
      new RegExp(String.raw`\bi(?:'d| would| wish| want| need|'m going| am going)? (?:like )?to complain\b(?! about (?:my|a|the|our|next door'?s?) (?:neighbour|neighbours|neighbour's|next door|upstairs|downstairs|dog|noise))`, 'i'),
      // Texting drops the "I" ("want to complain"), and asks how: "how do I complain", "who do I complain to".
      new RegExp(String.raw`\b(?:(?:want|wanna|wish|need|would like|'d like) to (?:complain|make a complaint)|wanna complain|how (?:do|can|would|should) (?:i|we|u|you) (?:complain|make a complaint)|who do (?:i|we) complain to)\b(?! about (?:my|a|the|our|next door'?s?) (?:neighbour|neighbours|neighbour's|next door|upstairs|downstairs|dog|noise))`, 'i'),
      // Welsh: "I want to complain", "to make a complaint".
      /\b(?:eisiau|isio|am) (?:cwyno|gwyno)\b|\b(?:gwneud|cyflwyno) cwyn\b/i,
      new RegExp(String.raw`\bthis is (?:a|my) complaint\b`, 'i'),
      new RegExp(String.raw`\bi(?:'m| am) complaining\b`, 'i'),
      new RegExp(String.raw`\bcomplaint about (?:${YOUR}|how|the way|being)\b`, 'i'),
      /\b(?:pass|send|forward|give|refer) (?:this|it|that|my \w+) (?:on )?to (?:whoever|someone who|somebody who|the (?:person|team|people|department) (?:who|that)) (?:deals|handles|looks|is in charge) (?:with|at|of) complaints\b/i,
    ],
  },
  // Code 6.12: a resident unhappy with the stage 1 response may escalate without giving a reason.
  {
    id: 'asks-to-escalate', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'asks to take the complaint further (a stage 2 request)',
    patterns: [
      /\bstage (?:2|two)\b/i,
      /\bescalat(?:e|ed|ing|ion)\b/i,
      /\bnext stage\b/i,
      new RegExp(String.raw`\b(?:looked at|look at it|reviewed|considered|investigated) again\b`, 'i'),
      new RegExp(String.raw`\b(?:take|taking) (?:this|it|my complaint|the matter) (?:further|to the next|higher)\b`, 'i'),
      /\b(?:housing )?ombudsman\b/i,
      new RegExp(String.raw`\bi (?:do not|don'?t) agree with ${CLAUSE}{0,30}\b(?:finding|decision|response|outcome|conclusion)`, 'i'),
    ],
  },
  {
    id: 'adds-to-complaint', supports: 'complaint', dissatisfaction: true,
    reason: 'adds to or corrects an open complaint',
    patterns: [
      new RegExp(String.raw`\badd (?:this|it|that)${CLAUSE}{0,20} to my complaint\b`, 'i'),
      new RegExp(String.raw`\b(?:summary|definition|description) of my complaint\b${CLAUSE}{0,30}\b(?:is${NOT}|wrong|incorrect|not right|missing)`, 'i'),
      new RegExp(String.raw`\b(?:want|like) (?:that|this|it) (?:included|added)\b`, 'i'),
    ],
  },
  // Code 1.2: dissatisfaction with the response to a service request, shown by having to report it again.
  {
    id: 'repeat-report', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'chasing something reported before',
    patterns: [
      new RegExp(String.raw`\b(?:the )?${NTH} (?:time|email|e-mail|letter|call|message|text|request|report|reference|ref|acknowledgement|visit|appointment)\b`, 'i'),
      new RegExp(String.raw`\b(?:reported|reporting|rang|rung|called|phoned|emailed|e-mailed|written|wrote|chased|asked|told|raised|queried|contacted|sent|mentioned|complained)\b${CLAUSE}{0,40}\b(?:${COUNT} times|twice|again and again|over and over|(?:several|many|numerous|multiple) times)\b`, 'i'),
      new RegExp(String.raw`\b(?:reported|rang|called|phoned|emailed|wrote|chased|asked|raised|queried|told ${YOUR} \w+)\b${CLAUSE}{0,40}\bagain\b`, 'i'),
      new RegExp(String.raw`\b(?:${COUNT}|${NTH}) (?:emails|calls|phone calls|letters|messages|texts|reports|reference numbers|references|acknowledgements)\b`, 'i'),
      new RegExp(String.raw`\b(?:of|time of) asking\b`, 'i'),
      new RegExp(String.raw`\b(?:reported|raised|queried|asked about|told you about) (?:it |this |that )?(?:already|before|previously|last (?:week|month|year))\b`, 'i'),
      new RegExp(String.raw`\b(?:i|we) (?:first|originally) (?:reported|rang|called|raised|queried|told|asked|emailed|wrote)\b`, 'i'),
      new RegExp(String.raw`\b(?:chasing|chased|chase up)\b`, 'i'),
      new RegExp(String.raw`\bagain\b${CLAUSE}{0,3}$|\b(?:back|broken|leaking|happened|failed|cancelled) again\b|\bagain after\b`, 'im'),
      new RegExp(String.raw`\b(?:broken down|failed|gone off|stopped working|cancelled|come back) ${COUNT} times\b`, 'i'),
      new RegExp(String.raw`\b(?:has|have|had|it'?s|this'?s) (?:now )?happened (?:${COUNT} times|twice|before|more than once)\b`, 'i'),
      new RegExp(String.raw`\b(?:i'?ve|i have|we'?ve|we have|they'?ve|they have|he'?s|he has|she'?s|she has|neighbours have|everyone has) (?:already |all |also )?(?:reported|rung|phoned|called|emailed|chased|raised|told you about) (?:it|this|that)\b(?! to (?:the (?:police|council)|them|their))`, 'i'),
      /\b(?:write|writing|text|texting|email|emailing|ring|ringing|call|calling|contact|contacting|message|messaging) (?:you )?again\b/i,
      new RegExp(String.raw`\b(?:${COUNT}|${NTH}) (?:different )?(?:engineers|plumbers|contractors|electricians|visits|operatives|people|men|inspections)\b(?: (?:have|has))? (?:been|come|came|visited|out|round)\b`, 'i'),
      new RegExp(String.raw`\bkeeps? (?:happening|breaking|coming back|failing|getting lost)\b`, 'i'),
      // Reported again and again, in so many words, on so many occasions, or to so many people.
      new RegExp(String.raw`\b(?:reported|reporting|rang|ringing|called|calling|phoned|phoning|emailed|emailing|asked|asking|chased|raised|told|contacted|written|wrote|complained)\b${CLAUSE}{0,40}\b(?:repeatedly|time (?:and|after) (?:time|again))\b|\brepeatedly (?:reported|rang|called|phoned|emailed|asked|chased|raised|told|contacted|written|complained)\b`, 'i'),
      new RegExp(String.raw`\bon (?:at least |more than )?(?:${COUNT}|a number of) (?:separate |different )?occasions\b|\b(?:at least |more than )?${COUNT} (?:follow-?up|chasing|further|separate) (?:calls|emails|e-mails|letters|messages|visits)\b`, 'i'),
      new RegExp(String.raw`\b(?:told|spoken to|spoke to|dealt with|talked to|been passed (?:to|between)|explained (?:it |this )?to) (?:${COUNT}|${NTH}) (?:different )?(?:people|officers|members of staff|staff|advisors|advisers|call handlers|departments|teams)\b`, 'i'),
      new RegExp(String.raw`\b(?:patched(?: up)?|repaired|fixed|looked at|inspected|visited|attended|bodged|come out|been out) (?:${COUNT} times|twice|again and again)\b|\b${NTH} (?:month|week|year|time) (?:running|in a row)\b|\b(?:a|another) ${NTH} (?:patch|repair|visit|inspection|engineer|contractor|attempt)\b`, 'i'),
      new RegExp(String.raw`\b(?:reported|rang|called|phoned|emailed|chased)\b${CLAUSE}{0,40}\b\d{1,2}(?:st|nd|rd|th)\b,? (?:the )?\d{1,2}(?:st|nd|rd|th)?,? (?:and|&) (?:the )?\d{1,2}(?:st|nd|rd|th)\b`, 'i'),
      new RegExp(String.raw`\b(?:reported|rang|called|phoned|emailed|wrote|chased|raised)\b${CLAUSE}{0,60}\band again\b`, 'i'),
      /\b(?:several|many|lots|all|some|a few|most|both|each) of us (?:have |had |'ve )?(?:reported|phoned|rung|called|emailed|complained|written|asked|told you)\b/i,
      new RegExp(String.raw`\b(?:reported|raised|flagged) by (?:at least |more than )?(?:${COUNT}|a number|lots|all|most) (?:of us|residents|neighbours|tenants|people|households)\b|\b(?:at|in) (?:our|the) last (?:${COUNT}|few|several) (?:meetings|walkabouts|visits)\b`, 'i'),
    ],
  },
  {
    id: 'no-response', supports: 'complaint', dissatisfaction: true,
    reason: 'nobody responded, came or kept them informed',
    patterns: [
      new RegExp(String.raw`\b${NOBODY} (?:has |have |had |ever |even )?(?:came|come|turned up|shown up|showed up|been(?: out| round| back)?|called|rang|rung|phoned|replied|got back|gets back|contacted|responded|answered|picked|told|informed|updated|bothered|dealt|checked|looked|returned|fixed|done|will take)\b`, 'i'),
      new RegExp(String.raw`\b${NOBODY} (?:replies|answers|responds|rings|calls|came back|is telling|tells|told)\b`, 'i'),
      new RegExp(String.raw`\b${NOBODY} (?:ever )?did\b(?! (?:you|that|it|this) (?:for|to))`, 'i'),
      new RegExp(String.raw`\b(?:never|did${NOT}|have${NOT}|has${NOT}|had${NOT}) (?:\w+ )?(?:came|come|turned up|showed up|shown up|got back|replied|responded|heard|called back|rang back|returned|came back|come back|been back|got a reply|had a reply|had a response|had an answer|had a single|had any|been contacted|been told|been updated)\b`, 'i'),
      /\b(?:heard|had|received|got) nothing\b|\bnothing (?:since|back|happened|has happened|was done|has been done|changes|changed|has changed|'?s changed|'?s happened)\b|\bnothing'?s (?:changed|happened|been done)\b|\bstill nothing\b/i,
      /\bno (?:reply|replies|response|responses|answer|answers|updates?|word|contact|call ?back|feedback|news|acknowledg(?:e)?ment)\b(?! needed)/i,
      new RegExp(String.raw`\b(?:not|never) (?:even )?(?:had|received|got) (?:a |an |any |one )?(?:single )?(?:reply|response|update|answer|call|call ?back|acknowledg(?:e)?ment|letter|visit)\b`, 'i'),
      /\bwithout (?:any )?(?:warning|notice|telling us|telling me|asking)\b|\bno (?:warning|notice)\b/i,
      /\b(?:been )?ignored\b|\bnot listening\b|\bfobbed off\b|\bpassed (?:from pillar to post|between|around)\b/i,
      /\bwhat is the point\b|\bwhat'?s the point\b/i,
      new RegExp(String.raw`\b${NOBODY} (?:has |had |ever |even )?(?:turns up|shows up|comes|written|wrote|let (?:me|us|him|her|them) know|explained|apologised|apologized|said sorry|visited|inspected|asked)\b`, 'i'),
      /\b(?:gone |went |remain |remained |still )?unanswered\b|\bno (?:further )?(?:decision|inspection|progress)\b|\bno further (?:contact|word|news|response|reply)\b|(?:^|[.!?]\s+)nothing(?: at all| since| yet)?[.!]/im,
      /\bwithout (?:fixing|repairing|sorting|replying|responding|a reply|a response|an answer|any (?:reply|response|answer|update|contact|action))\b/i,
      /\b(?:was|were|been|have|has|had) never (?:been )?(?:sent|told|notified|informed|consulted|warned|given|offered)\b|\bnever (?:sent|told|notified|informed|consulted|warned) (?:me|us|him|her|them)\b/i,
    ],
  },
  {
    id: 'still-not-fixed', supports: 'complaint', dissatisfaction: true,
    reason: 'the problem is still not put right',
    patterns: [
      // Asking whether a visit is still on ("could you confirm whether it is still going ahead") is not this.
      new RegExp(String.raw`\bstill${NOT_ASKING_WHETHER} (?:not|no|nothing|${NOBODY}|waiting|there|here|broken|leaking|dripping|faulty|outstanding|happening|going on|being charged|charging|off|haven'?t|hasn'?t|have not|has not|isn'?t|is not|doesn'?t|does not|can'?t|cannot|don'?t|the same|no sign)\b`, 'i'),
      // "Not fixed to the ground" describes a thing, not a repair left undone.
      new RegExp(String.raw`\b(?:never|not|wasn'?t|was not|hasn'?t been|has not been|haven'?t been|have not been) (?:properly |actually |ever )?(?:fixed(?! (?:to|onto|into|down|together|in place)\b)|repaired|done|finished|completed|sorted|resolved|put right|corrected|credited|paid|refunded|dealt with|followed up|passed on|received)\b`, 'i'),
      /\b(?:it|it'?s|they|they'?ve|mould|damp|leak|leaks|problem|crack|cracks|smell|mice|rats|pests|water|drip|noise|stain|patch) (?:has |have |had |keeps |always |just |all )?(?:came back|come back|returned|is back|are back|back again)\b(?! to)/i,
      /\b(?:has|have|had)(?:n'?t| not) been (?:cut|cleaned|emptied|collected|mowed|swept|cleared|touched|seen to|done|replaced|repaired|fixed) (?:for|since|all|in)\b/i,
      /\b(?:just|only|was|were|been|simply|they) painted over\b|\bpatch(?:ed|ing) (?:it )?up\b|\bbodge\w*\b/i,
      new RegExp(String.raw`\bstill${NOT_ASKING_WHETHER} (?:going(?! ahead)|goes|coming|comes|being sent|gets sent|arriving|arrives|addressed|getting|receiving|in my old)\b`, 'i'),
      /\bno fix\b|\bnot (?:been )?fixed (?:yet|still)\b|\b(?:look|looked|came|come|comes) and (?:go|went|left|leave)\b|\beach (?:one|time) (?:says?|said|tells?|told)\b/i,
    ],
  },
  {
    id: 'broken-promise', supports: 'complaint', dissatisfaction: true,
    reason: 'something promised did not happen',
    patterns: [
      new RegExp(String.raw`\b(?:was|were|i was|we were|been) (?:told|promised|assured|advised)\b${CLAUSE}{0,80}\b(?:would|will|within|by|today|tomorrow|next|going to|'d)\b(?=[\s\S]*\b(?:but|still|never|not|no|nobody|nothing|yet|ago|since|later|instead|again|wrong|now been|didnt|hasnt|havent|wasnt|werent|wont)\b|[\s\S]*n't\b)`, 'i'),
      new RegExp(String.raw`(?<!\b(?:when|as|like|exactly when) )\b(?:you|u|they|he|she|your \w+|the \w+) (?:said|promised|told me|told us|assured me|agreed)\b${CLAUSE}{0,80}\b(?:would|will|wd|wud|wld|gonna|within|by|today|tomorrow|next week|'d|was fixed|had been)\b(?=[\s\S]*\b(?:but|still|never|not|no|nobody|nothing|yet|ago|since|later|instead|again|wrong|now been|didnt|hasnt|havent|wasnt|werent|wont)\b|[\s\S]*n't\b)`, 'i'),
      /(?<!\bas )\bpromised\b|\bpromise\b/i,
      /\bdespite (?:this|that|my|his|her|their|our|having|being|me|us|him|them|the (?:fact|consent|arrangement|agreement|promise|form|request)|at least|several|repeated|numerous|many|multiple|\d+|(?:two|three|four|five|six) )/i,
      /\b(?:was|were|is) (?:meant|supposed) to\b/i,
      new RegExp(String.raw`\bthat was ${CLAUSE}{0,20}\bago\b`, 'i'),
    ],
  },
  {
    id: 'long-wait', supports: 'complaint', dissatisfaction: true,
    reason: 'has been waiting a long time',
    patterns: [
      new RegExp(String.raw`\b(?:been waiting|waited|waiting)\b${CLAUSE}{0,20}\b(?:${PERIOD}|since|ages|over|more than|months|weeks)\b`, 'i'),
      new RegExp(String.raw`\b(?:it'?s|it has|its|it is|that'?s|that is) (?:now |been |now been |been over |over |more than |nearly |almost )?(?:${PERIOD})\b`, 'i'),
      new RegExp(String.raw`\b(?:it'?s|it is|its) now (?:mid-?|late |early )?${MONTH}\b`, 'i'),
      new RegExp(String.raw`\b${PERIOD} (?:later|on(?! top)|and counting)\b`, 'i'),
      new RegExp(String.raw`\b(?:reported|rang|called|phoned|emailed|wrote|asked|raised|told you|booked|applied|submitted|sent|came out|visited|inspected|promised)\b${CLAUSE}{0,40}\b${PERIOD} ago\b`, 'i'),
      /\b(?:took|taking|takes|taken) (?:ages|forever|far too long|too long|so long|months|weeks)\b/i,
      new RegExp(String.raw`\bsince ${MONTH}\b|\bsince last (?:year|month|winter|summer)\b|\bsince the (?:spring|summer|autumn|winter)\b`, 'i'),
      new RegExp(String.raw`\bsince (?:before |early |mid-?|late |just after )?(?:christmas|easter|the new year|the \d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH})`, 'i'),
      /\b(?:taking|taken|take|takes) (?:this|so|that) long\b|\bwhy (?:is|has) (?:it|this|that|the \w+) (?:taking|taken|still)\b/i,
      // Not the resident's own patience: "for a few years, I never thought much of it".
      new RegExp(String.raw`\b(?:for|over) (?:${PERIOD})\b${CLAUSE}{0,40}\b(?:no|nothing|still|without|nobody|never(?! (?:thought|noticed|realised|realized|minded|worried|bothered|knew)\b))\b`, 'i'),
      /\b(?:your|this|these|such|ongoing|unreasonable|the continued|the ongoing|the long) delays?\b|\bexplain(?:ing|ation (?:of|for))? (?:the|this|these) delays?\b|\b(?:because of|due to|caused by|result of) (?:your|the|these|this) delays?\b|\b(?:has|have|had) stalled\b|\bdragg(?:ed|ing) on\b|\bgone quiet\b/i,
    ],
  },
  {
    id: 'missed-appointment', supports: 'complaint', dissatisfaction: true,
    reason: 'a missed or cancelled appointment',
    patterns: [
      new RegExp(String.raw`\b(?:appointment|visit|booking|slot)s?\b${CLAUSE}{0,40}\b(?:cancel+ed|missed|no[- ]show|did${NOT} (?:turn up|come|show|happen)|never (?:happened|came))\b`, 'i'),
      new RegExp(String.raw`\bcancel+ed\b${CLAUSE}{0,30}\b(?:twice|again|${COUNT} times|${NTH})\b`, 'i'),
      new RegExp(String.raw`\b(?:stayed|waited|waiting) in\b${CLAUSE}{0,60}`, 'i'),
      new RegExp(String.raw`\b(?:took|taken|take|lost) (?:a |the )?(?:day|days|annual leave|time) off\b|\btaken (?:annual )?leave\b`, 'i'),
      new RegExp(String.raw`\b(?:did${NOT}|never|failed to) (?:turn(?:ed)? up|show(?:ed)? up|keep the appointment)\b`, 'i'),
    ],
  },
  {
    id: 'dissatisfaction', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'expresses dissatisfaction',
    patterns: [
      new RegExp(String.raw`\b(?:not|isn'?t|wasn'?t|am not|i'?m not|are not|aren'?t|(?:not|n'?t|never) be) (?:at all |very |remotely |really )?(?:happy|satisfied|acceptable|good enough|ok|okay|fair|right|on|professional|appropriate)\b`, 'i'),
      /\b(?:unhappy|dissatisf\w+|unacceptable|disgust\w*|appal+\w*|ridiculous|disgrace\w*|shocking|outrage\w*|furious|livid|insult\w*|disappoint\w*|frustrat\w*|fed up|sick and tired|had enough|let down|unprofessional|incompeten\w*|useless|pathetic|a joke|beggars belief|inexcusable|mortified|humiliat\w*|embarrass\w*|distress(?:ed|ing) by|not impressed|at my wits'? end)\b/i,
      /\b(?:sort it out|sort this out|get it sorted|actually (?:going to |gonna )?(?:sort|do|fix|come|deal|send|listen)\w*)\b/i,
      new RegExp(String.raw`\b(?:do${NOT}|don'?t) appreciate\b|\bshould${NOT} (?:have to|be treated|be spoken|be expected|be left|have been)\b`, 'i'),
      /\bhow (?:is|am) (?:this|that|it|i|we) (?:acceptable|allowed|supposed|meant|expected)\b|\bhow (?:does )?this keeps? happening\b|\bhow (?:can|could) (?:this|you)\b/i,
      /\b(?:nobody|no one|no-one) (?:will )?(?:take|takes|taking) responsibility\b|\bthings just disappear\b|\bfalling on deaf ears\b/i,
      /\b(?:poor|terrible|awful|appalling|dreadful|shoddy|bad) (?:service|communication|workmanship|job|standard|repair|attitude|handling|response)\b/i,
      /\b(?:your|ur|the) (?:response|answer|letter|finding|decision|offer) (?:is|was) (?:wrong|incorrect|not right|inadequate|unfair)\b/i,
      /\b(?:i'?ve|i have) had enough\b|\benough is enough\b/i,
      /\b(?:don'?t|do not|can'?t|cannot|fail to) see how (?:this|that|it) (?:can|could) be (?:fair|right|impartial|acceptable|reasonable|allowed)\b/i,
      // The polite hedge before a complaint: "I don't like to complain, but…" (not about a neighbour).
      new RegExp(String.raw`\b(?:(?:don'?t|do not) (?:like|want|wish|mean) to|hate to|not one to|loath(?:e)? to|reluctant(?:ly)? to|never (?:normally |usually )?|rarely) (?:complain|moan|grumble|make a fuss|kick up a fuss)\b(?!${CLAUSE}{0,40}\b(?:neighbour|next door|upstairs|downstairs|noise|dog|music|flat (?:above|below))s?\b)|\bwith (?:some |great |a heavy )?reluctance\b`, 'i'),
      /\b(?:don'?t|do not|didn'?t|did not) (?:feel|think|believe) (?:that )?(?:you|you'?ve|you have|they|they'?ve|anyone|anybody|the \w+)(?: have| has)? (?:taken|take|took|listened|cared|bothered)\b|\b(?:not|n'?t|never) (?:been )?(?:taken|taking|take|took) (?:this|it|me|us|my \w+|the matter|this matter|our \w+) seriously\b|\bnot (?:being )?(?:taken|treated) seriously\b/i,
      /\b(?:don'?t|do not|didn'?t|did not) think (?:it'?s|it is|it was|this is|that'?s|that is|this was) (?:fair|right|acceptable|good enough|reasonable|ok|okay|on)\b|\b(?:no one|nobody|noone|anyone) (?:would|should) (?:accept|put up with|have to (?:live|put up) with)\b/i,
      /\b(?:a )?straight answer\b|\bbe straight with\b|\bthanks for nothing\b|\b(?:through|by) no fault of (?:my|our|his|her|their) own\b|\bno fault of (?:mine|ours|his|hers|theirs)\b/i,
      // "Told you so": "this is exactly what I warned would happen".
      /\b(?:exactly |just )?what (?:i|we) (?:warned|said|told you|predicted) would happen\b|\b(?:i|we) (?:warned|told) you (?:this|that|it) would happen\b|\bas (?:i|we) (?:warned|predicted)\b/i,
      // Welsh: "not happy (at all)", "unhappy", "disappointed", "unacceptable", "disgraceful".
      /\bddim yn hapus\b|\b(?:anhapus|siomedig|annerbyniol|gwarthus)\b/i,
      /\b(?:handled|dealt with|treated) (?:\w+ )?(?:coldly|badly|poorly|insensitively|appallingly|disgracefully|shabbily|terribly|unprofessionally)\b/i,
    ],
  },
  {
    id: 'staff-conduct', supports: 'complaint', dissatisfaction: true, needsStaff: true,
    reason: 'about how staff or someone acting for the landlord behaved',
    patterns: [
      /\b(?:rude|rudely|attitude|offhand|dismissive|patronis\w+|patroniz\w+|condescending|aggressive|intimidat\w*|threaten\w*|unprofessional|disrespect\w*|belittl\w*|sarcastic|abrupt)\b/i,
      /\b(?:laughed|shouted|swore|sighed|sighing|snapped|yelled) at\b|\bput the phone down\b|\bhung up\b|\bspoke(?:n)? to (?:me|us|my \w+) (?:like|as if|in)\b|\bspeak to (?:me|us) like\b/i,
      /\b(?:walked|came|went|barged) (?:into|in|round)\b[^.!?\n]{0,40}\bwithout\b|\bwithout (?:asking|permission|consent|knocking)\b/i,
      /\b(?:told|said to) (?:him|her|them|my neighbour)\b[^.!?\n]{0,40}\b(?:me|my name|who)\b|\bin front of (?:my|the) neighbours?\b|\bheard every word\b|\bconfidential\w*\b/i,
      /\bblamed (?:me|us)\b|\bsaid it was (?:my|our) fault\b|\bmaking a fuss\b|\bdid(?:n'?t| not) even (?:look|check|come|knock)\b/i,
      /\b(?:smok\w+|music|mess|rubbish|glass|debris) (?:left|everywhere|behind)\b|\bleft (?:a |the )?(?:mess|rubbish|glass|debris)\b/i,
      /\bleft (?:my|our|the) (?:\w+ ){0,2}(?:covered in|full of|in a (?:state|mess|terrible state))\b|\b(?:damaged|scratched|scuffed|ruined|stained|smashed) (?:my|our)\b/i,
      /\b(?:cracked|chipped|dented|gouged|scratched|scuffed|ruined|stained|smashed|flooded|ripped|tore|burnt|burned|snapped|knocked over|broke) (?:my|our|her|his|the|\d+|two|three|a|an|some)\b/i,
      /\b(?:smoked|smoking|cigarette|swearing|swore|shrugged|sniggered|rolled (?:his|her|their) eyes)\b|\bnot my (?:job|problem)\b/i,
      /\b(?:mud|dirt|dust|muck|footprints|sawdust|plaster|paint|water|grit)\b[^.!?\n]{0,25}\b(?:all over|everywhere|across) (?:my|our|the|her|his)\b|\b(?:tramped|trod|traipsed|trampled)\b/i,
      // The worker refusing what the resident asked, or blocking them in ("your contractor blocked my drive and
      // wouldn't move the van when I asked"): said of the worker in the same sentence, not of a neighbour.
      /\b(?:contractors?|operatives?|engineers?|plumbers?|electricians?|workm[ae]n|workers|builders?|scaffolders?|fitters?|roofers?|officers?|staff|cleaners?|caretakers?|gardeners?|surveyors?)\b[^.!?\n]{0,60}\b(?:(?:would(?:n'?t| not)|wouldnt|refused to) (?:\w+ ){0,2}(?:move|stop|leave|listen|wait|help|show|give|turn)\b[^.!?\n]{0,30}\b(?:when|after|though|even though) (?:i|we|my \w+) (?:asked|told|explained|said)\b|block(?:ed|ing) (?:in )?(?:my|our|the) (?:drive|driveway|car|path|access|entrance|door|parking (?:space|bay))\b)/i,
      /\b(?:don'?t|do not|won'?t) want (?:him|her|them|that \w+|those (?:two|men|\w+)|the same \w+) (?:back|coming|sent|in my|near|to come|anywhere)\b|\b(?:never|not) been spoken to like\b/i,
    ],
  },
  // Code 1.2: the landlord's own judgement, proved wrong ("your surveyor said the ceiling was fine; it collapsed").
  {
    id: 'wrong-assessment', supports: 'complaint', dissatisfaction: true, needsStaff: true,
    reason: 'was told by someone acting for the landlord that all was well, and it was not',
    patterns: [
      /\b(?:said|told (?:me|us)|assured (?:me|us)|insisted|reckoned|claimed|confirmed)(?: that)? (?:it|it'?s|its|my \w+|our \w+|the \w+|there|this|that|everything|nothing)\b[^.!?\n]{0,20}\b(?:fine|ok|okay|safe|sound|nothing wrong|nothing to worry about|no problem|not dangerous|not a problem|all right|alright|normal|wrong with it)\b(?=[\s\S]*\b(?:but|still|again|since|collapsed|came down|fell (?:down|in|through|off)|gave way|burst|failed|broke|caved in|flooded|(?:got|is|getting) worse)\b)/i,
    ],
  },
  {
    id: 'unfair-treatment', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'feels unfairly treated',
    patterns: [
      /\bunfair\w*\b|\bdiscriminat\w*\b|\bprejudice\w*\b|\bsingled out\b|\bvictimis\w+\b/i,
      /\btreated (?:differently|unfairly|badly|like|as if|with)\b|\b(?:doesn'?t|does not|didn'?t|did not) take (?:any )?account\b|\bno account (?:was )?taken\b/i,
      /\breasonable adjustments?\b|\b(?:nobody|no one|didn'?t|did not|never) (?:\w+ )?(?:consider|considered|looked at) my (?:circumstances|situation|needs|disability)\b/i,
      /\b(?:no|without an?|never (?:got|had) an?|did(?:n'?t| not) (?:get|have|provide|book) an?) (?:interpreter|translator|signer|sign language interpreter|large print)\b/i,
      /\bpressured\b|\bpressurised\b|\bbullied\b|\bforced (?:me|us) to\b/i,
      /\bturned (?:me |him |her |us |them )?away\b|\brefused to (?:help|see|take|deal|let|listen|speak|book|accept)\b/i,
      /\b(?:can(?:'?t|not)|could(?:n'?t| not)|unable to|not able to) (?:use|work|access|get on(?:to)?) (?:the |an |a |any )?(?:app|website|internet|computer|online|portal|smartphone|email)\b/i,
      /\b(?:nobody|no one|no-one|didn'?t|did not|never|failed to|wasn'?t|was not|weren'?t|were not) (?:\w+ )?(?:arrange|arranged|provide|provided|book|booked|offer|offered|given|get|got)\b[^.!?\n]{0,30}\b(?:interpreter|translator|signer|bsl|large print|braille|adjustments?|ramp|ground floor)\b/i,
      /\bwrongly\b|\bthreatened with\b/i,
      /\bwithout (?:looking at|considering|taking (?:into )?account of|regard to|any regard (?:to|for)) (?:my|our|his|her|their) (?:situation|circumstances|needs|disability|health)\b|\b(?:rejected|refused|turned down|dismissed|closed|ignored)\b[^.!?\n]{0,30}\bwithout (?:looking|reading|checking|considering|asking|listening|speaking)\b/i,
    ],
  },
  {
    id: 'remedy-sought', supports: 'complaint', dissatisfaction: true,
    reason: 'asks for something to be put right',
    patterns: [
      /\b(?:want|need|expect|would like|'d like|demand|request|asking for|deserve)\b[^.!?\n]{0,40}\b(?:apology|apologise|apologize|refund\w*|compensat\w*|money back|reimburs\w*|rebate|backdat\w*|an explanation|removed|deleted|credited|put right|written off|paid back)\b/i,
      /\bout of pocket\b|\bextra costs?\b|\b(?:refund|compensation|reimbursement)\b[^.!?\n]{0,20}\b(?:still|never|not|yet)\b/i,
      /\bwant (?:my|our|the) £?\d[\d.,]* back\b|\bwant (?:a|an) (?:apology|explanation)\b/i,
      /\b(?:like to know|want to know|tell me|explain|explanation (?:of|for|as to)|know) (?:why|how) (?:this|it|that|he|she|i|we|they|my|our|the)\b[^.!?\n]{0,40}\b(?:happened|was|were|wasn'?t|weren'?t|did|didn'?t|had|hadn'?t)\b/i,
      /\bhow (?:this|it|that) (?:happened|came about|could (?:have )?happen(?:ed)?)\b|\b(?:withdrawn|retracted|corrected) in writing\b/i,
      /\bwho(?:'s| is| will be)? (?:going to )?(?:pay|paying|cover|covering) (?:for )?(?:this|that|it|the (?:damage|cost|repairs?))\b|\bcosts? of (?:the )?(?:repairs?|damage|replacement|cleaning)\b[^.!?\n]{0,20}\b(?:covered|paid|refunded|reimbursed)\b/i,
    ],
  },
  {
    id: 'charge-dispute', supports: 'complaint', dissatisfaction: true,
    reason: 'disputes a charge',
    patterns: [
      /\bovercharg\w*\b|\boverpaid\b|\bovercharge\b|\b(?:i|we) disput\w*\b|\bdisput\w* (?:the |this |a |my |your )?(?:charge|bill|invoice|recharge|amount|balance|fee|arrears|increase)\b|\bcharged (?:for|twice|wrongly|incorrectly)\b|\b(?:took|taken|debited|charged|billed|paid)\b[^.!?\n]{0,30}\btwice\b|\bwrongly charged\b/i,
      /\b(?:we|i) (?:still )?(?:pay|are paying|am paying|have paid|paid) (?:for (?:it|this|that)|(?:it |for it )?in (?:the|our|my) service charge)\b/i,
      /\bwhy am i (?:paying|being charged)\b|\bpaying for (?:a service|something|nothing)\b|\bstill (?:being )?(?:charged|billed)\b/i,
      /\b(?:don'?t|do not|didn'?t|did not|can'?t|cannot) (?:see|understand) why (?:i|we|he|she|they) should (?:have to )?(?:pay|be paying|be charged|be billed|bear|foot)\b|\b(?:don'?t|do not) think (?:i|we|he|she|they) should (?:have to )?(?:pay|bear|be charged|be billed|foot)\b|\bshould(?:n'?t| not) (?:have to )?(?:pay|bear the cost|be charged|be billed|foot the bill)\b/i,
      /\b(?:cancel|withdraw|waive|write off|reverse)\w* (?:the |this |that |my |your |their |his |her )?(?:\w+ )?(?:charge|invoice|recharge|bill|fee|penalty|fine)\b|\b(?:charge|invoice|bill|recharge|fee|figure|balance|amount) (?:is|was) (?:wrong|incorrect|not right|a mistake|in error|unfair)\b|\b(?:don'?t|do not) accept (?:this|the|that|your) (?:\w+ )?(?:charge|invoice|recharge|bill|fee)\b/i,
      // "Please get it cancelled", "take it off", said of a charge, fine or invoice named earlier.
      /\b(?:get|have|take) (?:it|this|that|them) (?:cancelled|withdrawn|waived|removed|refunded|off)\b(?<=\b(?:charge|charged|fine|ticket|invoice|fee|penalty|recharge)s?\b[\s\S]*)/i,
      /\b(?:being|been) (?:billed|invoiced|recharged)\b|\b(?:i'?m|i am|we'?re|we are) not in arrears\b|\b(?:i|we) (?:have|had|owe) no arrears\b/i,
    ],
  },
  {
    id: 'cannot-reach-us', supports: 'complaint', dissatisfaction: true,
    reason: 'could not get through to the landlord',
    patterns: [
      /\b(?:just )?rings? out\b|\bvoicemail (?:is )?full\b|\bon hold (?:for )?(?:over |more than |nearly |almost |about |around |at least )?\d+|\b(?:on hold|in the queue|in a queue)\b[^.!?\n]{0,60}\b(?:cut off|disconnected|dropped|hung up)\b|\b(?:impossible|no way|not possible|unable) to get (?:through|hold of (?:anyone|anybody|someone|somebody|you))\b|\b\d+ (?:mins?|minutes) on hold\b|\bwaited \d+ (?:mins?|minutes)\b|\bcan(?:'?t|not) get through\b|\bnever (?:answer|pick)\b/i,
      /\b(?:website|form|online form|portal|app|page) (?:keeps )?(?:crash\w*|does(?:n'?t| not) work|won'?t (?:load|work|submit)|is broken)\b|\bkeeps crashing\b|\bcrash(?:es|ed) at\b/i,
      new RegExp(String.raw`\b(?:rang|called|phoned|rung)\b${CLAUSE}{0,60}\b${NOBODY} (?:answer\w*|pick\w*)\b`, 'i'),
    ],
  },
  {
    id: 'mishandled', supports: 'complaint', dissatisfaction: true,
    reason: 'the landlord lost or mishandled something',
    patterns: [
      /\b(?:lost|mislaid)\b(?<!(?:^|[.!?\n]\s*|\b(?:i|we|i'?ve|we'?ve|i have|we have|i had|we had|i'?d|i must have|i think i|he|she|my \w+)\s+(?:\w+\s+)?)(?:lost|mislaid))[^.!?\n]{0,30}\b(?:again|twice|application|form|paperwork|documents|letter)\b|\bnothing on the system\b|\bnever (?:been )?(?:received|passed on|logged|recorded|actioned)\b/i,
      /\bnot (?:passed on|logged|recorded|actioned)\b|\bfell through the cracks\b|\bgot lost\b/i,
      /\b(?:sent|issued|charged|added|applied|taken|debited|served|written)\b[^.!?\n]{0,30}\bin error\b|\b(?:your|a) (?:mistake|error) (?:not mine|on your part)\b|\byour (?:mistake|error)\b/i,
      /\b(?:i|we) (?:do not|don'?t|didn'?t|did not) owe\b|\bnever (?:asked|ordered|requested|agreed) (?:for|to)\b/i,
      /\b(?:couldn'?t|can'?t|could not|cannot|told (?:me )?(?:i|we) (?:couldn'?t|could not|can'?t|cannot)) complain\b/i,
      // Personal details sent to the wrong person, and records the landlord keeps wrong.
      /\b(?:someone|somebody|anyone) else'?s (?:letter|details|post|information|data|name|address|statement)\b|\banother (?:tenant|resident|person|customer)'?s (?:name|details|letter|information|data|address|arrears)\b|\bdata (?:protection )?breach\b|\bbreach of (?:my )?(?:data|privacy|confidentiality)\b/i,
      /\b(?:my|our|his|her|their|personal) (?:personal )?(?:details|information|data)\b[^.!?\n]{0,40}\b(?:to (?:someone|somebody|another|the wrong|every|all)|shared|visible|on show|exposed)\b|\b(?:email addresses|phone numbers)\b[^.!?\n]{0,30}\b(?:showing|visible|on show|for everyone|to everyone)\b/i,
      /\b(?:fix|correct|sort out|get|put right) (?:your|the) records?\b|\byour records (?:are|were|is) wrong\b|\b(?:on|onto|into) the wrong (?:account|address|person|flat|house|tenancy|name)\b|\bsent to the wrong\b/i,
      /\b(?:not|never) (?:been )?(?:properly |adequately |fully )?consulted\b|\bno (?:proper )?consultation\b|\bwithout (?:any )?consultation\b/i,
    ],
  },

  // Code 1.2: the standard of the work the landlord or its contractor did.
  {
    id: 'poor-work', supports: 'complaint', dissatisfaction: true,
    reason: 'the work was not done properly',
    patterns: [
      // Work that was done, and not done properly ("wasn't fitted properly", "didn't seal them properly"); a defect
      // described in the present tense ("doesn't shut properly") is a first report, not this.
      /\b(?:wasn'?t|weren'?t|was not|were not|hasn'?t been|haven'?t been|has not been|have not been|never been|isn'?t|aren'?t|is not|are not) (?:\w+ )?(?:done|fitted|finished|installed|sealed|repaired|fixed|completed|carried out|cleaned|tidied|secured|connected|made good|replaced|treated|put back|hung|laid|plastered|painted|tiled) (?:\w+ )?(?:properly|correctly|right|to (?:a|the) (?:\w+ )?standard)\b/i,
      /\b(?:didn'?t|did not|never) (?:\w+ )?(?:do|fit|finish|install|seal|repair|fix|complete|carry out|clean|tidy|secure|connect|make good|replace|treat|put) (?:\w+ ){0,2}(?:properly|correctly|right|to (?:a|the) (?:\w+ )?standard)\b/i,
      /\bnot up to (?:standard|scratch)\b|\bbelow (?:the )?standard\b|\bsub-?standard\b|\bpoor (?:quality|finish|workmanship|job|standard|repair)\b|\bfinish is poor\b|\bhalf[- ](?:finished|done|a job)\b|\bbotched\b|\bcowboys?\b|\bslapdash\b|\bcut corners\b/i,
      /\b(?:marked|closed|signed off|logged) (?:as |off as )?(?:complete|completed|done|fixed|finished|resolved)\b|\bjob (?:was |has been |had been )?closed\b/i,
      /\b(?:new|fitted|replaced|installed|put in|done|repaired|fixed)\b[^.!?\n]{0,60}\balready (?:come away|came away|come off|came off|fallen (?:off|apart|down)|fell (?:off|apart)|broken|broke|cracked|failed|leaking|leaks|started leaking|peeling|blown|coming away|coming off|lifting)\b/i,
      /\bleft (?:\w+ ){0,3}(?:half[- ](?:finished|done)|unfinished|incomplete|not connected)\b/i,
    ],
  },

  // How residents write when the words "complaint" and "unhappy" are missing (issue 13): studied in tenants' letters,
  // council public questions and residents quoted by the Ombudsman, and written here in our own words.
  // A question that challenges rather than asks: it expects no answer ("Is anyone ever going to sort the roof?").
  {
    id: 'challenging-question', supports: 'complaint', dissatisfaction: true,
    reason: 'a question that challenges rather than asks',
    needs: '?',
    patterns: [
      /\bhow many more (?:\w+ )?(?:times|weeks|weekends|months|years|days|nights|winters|calls|emails|letters|visits|appointments)\b|\bhow much longer\b[^.!?\n]{0,60}\?/i,
      /\bhow (?:is|was|can|could) (?:it|this|that) (?:be )?(?:right|fair|acceptable|ok|okay|reasonable|legal|allowed)\b/i,
      /\bis (?:it|that|this) (?:really )?(?:too much|asking too much|a lot) to (?:ask|expect)\b/i,
      /\b(?:is|are) (?:any ?one|anybody|somebody|someone|you|they) (?:ever|actually|even|really) (?:going to|gonna|coming|planning)\b|\b(?:is|are) (?:any ?one|anybody|somebody|someone|you|they) (?:going to|gonna|coming)\b[^?\n]{0,60}\bor (?:not|are we|am i|what)\b/i,
      /\b(?:would|could) (?:you|any of you|any of your \w+|your \w+|anyone|they|the \w+) (?:\w+ ){0,2}(?:live|accept|put up with|tolerate|sleep|bring up)\b[^?\n]{0,80}\?/i,
      /\bwhy (?:does|do|did|is|has|have|should|must|are|am|can'?t|won'?t|isn'?t|hasn'?t|haven'?t|wasn'?t) (?:it|this|that|everything|every \w+|nothing|nobody|no one|i|we|the rules|my \w+|our \w+|you|your \w+)\b[^?\n]{0,80}\b(?:take|takes|taking|so long|still|always|never|different|again|ignored|have to|paying|pay|wait|waiting|months|weeks|wks|years)\b[^?\n]{0,60}\?/i,
      /\bwhere (?:exactly )?(?:is|are|does|do|has|have) (?:our|my|the) (?:money|rent|service charges?|payments?)\b/i,
      /\bwhat (?:exactly )?(?:are|am|is) (?:we|i|she|he|my \w+) (?:supposed|meant|expected) to do\b|\bor (?:are|am) (?:we|i) (?:just )?(?:meant|supposed|expected) to\b/i,
      /\b(?:is|are) (?:this|these|the|your) (?:\w+ )?(?:inbox|emails?|messages?|letters?|phones?) (?:even|actually|ever) (?:read|checked|answered|monitored)\b|\b(?:does|do) (?:anyone|anybody|you|they) (?:even |actually |ever )?(?:read|check|care|listen)\b/i,
      /\bdare i ask\b|\bhow (?:hard|difficult) (?:is|can) it be\b|\bwhen (?:exactly )?(?:is|are) (?:this|it|something|anything|anyone|someone) (?:ever |actually )+going to\b/i,
    ],
  },
  // Praise that means the opposite, shown by what sits next to it ("Oh brilliant, another missed appointment").
  {
    id: 'sarcasm', supports: 'complaint', dissatisfaction: true,
    reason: 'says the opposite of what it means',
    patterns: [
      /(?:^|[.!?\n]\s*)(?:oh,? )?(?:brilliant|great|lovely|fab|fantastic|wonderful|marvellous|perfect|super|excellent|nice one|cheers)[,!.]*\s+(?:another|again|yet another|(?:the )?(?:3rd|third|2nd|second|4th|fourth|5th|fifth) time|no ?one|nobody|still|thanks for nothing)\b/im,
      /\b(?:fab|great|brilliant|wonderful|excellent|fantastic|top|amazing|stellar) (?:service|work|job|stuff) (?:as (?:always|usual|ever)|once again|yet again|again)\b|\bgreat work everyone\b/i,
      /\b(?:well done|congratulations|congrats) (?:on|for)\b[^\n]{0,120}\b(?:meanwhile|in the meantime|while (?:my|our|we|i|the))\b/i,
      /(?<!\b(?:thank|thanks|thankyou|thank you|thank u|thx|ta|very|love you|appreciate it) )\bso much for\b|\b(?:forgive me if i|i won'?t|not|i'?m not) hold(?:ing)? (?:my|our) breath\b|\byeah,? right\b|\bsurprise,? surprise\b|\bno surprise there\b|\bwhat a (?:surprise|shock|joke)\b|\bfor the privilege\b/i,
      // The landlord's own words in scare quotes: "my repair is 'complete'", "it's 'with the team'".
      /['"](?:fixed|complete|completed|resolved|repaired|sorted|done|on the list|with the team|in hand|being looked (?:at|into)|passed on|rescheduled|lettable standard|customer promise|increased costs|condensation|lifestyle|wear and tear|priority|urgent)['"]/i,
    ],
  },
  // Blame without the usual words: neglect, indifference, being treated as less than others.
  {
    id: 'neglect', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'feels neglected or treated as lesser',
    patterns: [
      /\bleft to (?:rot|fend for (?:ourselves|myself|themselves|herself|himself)|deteriorate|fall apart|its own devices|get worse)\b|\b(?:falling|fallen) (?:apart|into disrepair)\b|\bneglect(?:ed|ing)?\b/i,
      /\b(?:nobody|no one|no-one|noone)(?: \w+){0,4} (?:cares|cared|seems to care|gives a damn)\b|\b(?:you|they|the \w+) (?:don'?t|do not|couldn'?t|could not|never) (?:seem to |really )?care\b|\bcouldn'?t care less\b|\black of (?:care|interest|respect|urgency|action)\b/i,
      /\bsecond[- ]class\b|\btreated (?:as|like) (?:lesser|dirt|nothing|rubbish|a number|criminals|idiots|children|we don'?t matter)\b|\blike (?:we|i) (?:don'?t|do not) (?:matter|count|exist)\b/i,
      /\b(?:feel|felt|feeling|left feeling) (?:completely |totally |utterly |so )?(?:forgotten|abandoned|invisible|dismissed|worthless|fobbed off|brushed off)\b|\bforgotten about\b|\bbrushed (?:us |me )?(?:off|aside)\b|\bgaslit\b|\bgaslighting\b/i,
      /\b(?:same|usual|another|more) excuses?\b|\bfinding (?:an )?excuses?\b|\bexcuse after excuse\b|\bstock (?:response|answer|reply)\b|\bpress release\b|\bpassing the buck\b|\bblam(?:e|ed|ing) (?:us|me|the tenants?|residents)\b|\bbasic (?:care|courtesy|decency|respect|maintenance)\b/i,
    ],
  },
  // Disputing what the landlord decided: a refusal, a closure, a recharge, a change of policy.
  {
    id: 'disputes-decision', supports: 'complaint', dissatisfaction: true, negatable: true,
    reason: 'disputes a decision or a policy of the landlord',
    patterns: [
      /\breconsider\b|\bthink again\b|\b(?:review|revisit|look again at|re-?examine|overturn) (?:the|this|that|your|my|our) (?:decision|refusal|outcome|banding|assessment|policy|change)\b/i,
      /\b(?:i|we) (?:do not|don'?t|cannot|can'?t|won'?t|will not) accept\b|\bnot (?:prepared|willing|going) to (?:pay|accept|agree)\b|\brefuse to pay\b|\b(?:i|we) (?:disagree|do not agree|don'?t agree) with\b/i,
      /\b(?:refused|rejected|turned down|declined|denied|closed|dismissed) (?:my|our|his|her) (?:\w+ ){0,2}(?:request|application|complaint|case|claim|repair|job|report|priority|transfer|banding|appeal|adaptation|bid)\b|\b(?:my|our|his|her) (?:\w+ ){0,6}?(?:request|application|complaint|case|claim|repair|job|priority|transfer|banding|appeal|adaptation|bid) (?:has been|was|had been|got|have been|were) (?:refused|rejected|turned down|declined|denied|closed|dismissed)\b/i,
      /\b(?:i|we) (?:did not|didn'?t|never) (?:agree|consent) to\b|\bwithout (?:our|my) (?:agreement|consent)\b|\b(?:residents|tenants|we|i) (?:were|was) (?:never|not) (?:asked|told|consulted)\b|\bis not consultation\b/i,
      /\b(?:i|we) (?:think|feel|believe) (?:you|the council|the association|your \w+) (?:should|ought to) (?:reconsider|pay|cover|think again|look again|withdraw|reverse)\b|\bwithdraw (?:this|the|that) (?:change|policy|decision|charge)\b/i,
    ],
  },
  // An expectation the landlord raised and let down: "not the standard we were told about", "I had hoped…".
  {
    id: 'expectation-let-down', supports: 'complaint', dissatisfaction: true,
    reason: 'an expectation the landlord raised was let down',
    patterns: [
      /\b(?:is|was|are|were)(?:n'?t| not) (?:the|what|a|an) [^.!?\n]{0,40}\b(?:we|i) (?:were|was) (?:told|promised|sold|led to (?:believe|expect))\b/i,
      /\b(?:i|we) (?:had|have) hoped\b[^\n]{0,120}\b(?:not|but|instead|still)\b|\bapparently not\b|\bevidently not\b|\b(?:i|we) (?:expected|deserve) better\b|\byou(?:'d| would) (?:think|have thought|expect)\b/i,
    ],
  },

  // Service requests: asking for something to be done, or for information (Code 1.4).
  {
    id: 'request', supports: 'service_request', dissatisfaction: false,
    reason: 'asks for something to be done or for information',
    patterns: [
      /\b(?:can|could|would|will) (?:you|u|somebody|someone|anyone|i|we|they|he|she|it|this|that|the \w+) (?:please )?(?:\w+)\b/i,
      /\bplease (?:can|could|send|come|arrange|let|tell|email|e-mail|advise|fix|book|check|remove|clear|confirm|call|ring|help|look|put|register|get)\b|\b(?:pls|plz)\b/i,
      /(?<!\bsay )\b(?:how|where|when|what|who|which) (?:do|can|should|would|does|is|are|will|much|long)\b/i,
      /\b(?:do i need|am i allowed|is there a form|is it possible|i'?d like to (?:know|apply|change|swap|move|book|arrange|request|inspect|have))\b/i,
      /\b(?:send someone|get someone|need someone|someone to (?:come|look|fix|check))\b/i,
      /\b(?:i|we|he|she|they)(?: would|'d| wd) like (?:a|an|the|my|some|to(?! (?:say|thank|compliment|praise|pass on|put in a good word|express|complain|make a (?:formal )?complaint|escalate)\b)|copies|copy|information|details|advice|permission|help|someone|somebody)\b|\b(?:i|we) (?:need|want|wanted) (?:a|an|some (?:help|advice|information)|someone|somebody|help|advice|to (?:know|speak|talk|report|apply|ask|book|arrange|change|end|move|request|get|find))\b/i,
      /\bplease (?:update|change|amend|note|record|use|add|cancel|forward|provide|replace|repair|inspect|contact|make|pass|reply|assist|post|visit|sort|organise|arrange|ensure|confirm)\b|\b(?:speak|talk) to (?:someone|somebody|an officer|a member of staff|my housing officer|the housing officer)\b/i,
      // Asked indirectly ("it would be good if it could be cut back", "I'd be grateful if"), or by a heading
      // ("Request for a rent statement").
      /\b(?:would|'d) (?:be )?(?:good|great|helpful|useful|appreciated|lovely|nice|grateful) (?:if|to (?:get|have))\b|\b(?:i|we)(?:'d| would) (?:really )?appreciate (?:it )?if\b|\bif (?:someone|somebody|you|u) could\b|\bcould (?:it|this|that|they|these|the \w+) (?:please )?be\b/i,
      /(?:^|[.!?\n]\s*)(?:request|application|enquiry|inquiry|query|question) (?:for|about|regarding|re|on)\b/im,
      // Texting drops the "I" ("Need to move my appt on thurs"); someone writing for a resident says so.
      /(?:^|[.!?\n]\s*)(?:need|want|wanted|would like|wud like) (?:a|an|someone|somebody|to (?:know|speak|talk|report|apply|ask|book|arrange|change|end|move|rebook|cancel|request|get|find|check))\b|\b(?:can|could) (?:my|our) \w+ (?:please )?be\b/im,
      /\b(?:has |have |had )?(?:asked|wants?|would like) me to (?:report|let you know|tell you|pass (?:this|it) on|contact you|get in touch)\b/i,
      /\b(?:under|using) (?:the )?(?:uk )?(?:gdpr|data protection act)\b|\bsubject access\b|\bcop(?:y|ies) of (?:all )?(?:the )?(?:personal )?(?:data|information|my file|records)\b|\b(?:i'?m|i am) (?:writing|emailing|texting|getting in touch|contacting you) to (?:report|ask|request|apply|enquire|inquire|check)\b/i,
    ],
  },
  {
    id: 'question', supports: 'service_request', dissatisfaction: false,
    reason: 'asks a question',
    patterns: [
      /[a-z0-9)][^.!?\n]{3,80}\?/i,
      // A text that opens with a question and no question mark: "is the office open on bank holiday monday".
      /^\W*(?:(?:hi|hello|hiya|hey)\W+)?(?:is|are|do|does|can|could|will|would|should|has|have|am) (?:the|there|it|this|that|my|our|your|ur|you|u|i|we|they|he|she|anyone|someone|somebody)\b[^.!?\n]{3,80}$/im,
    ],
  },
  {
    id: 'first-report', supports: 'service_request', dissatisfaction: false,
    reason: 'a new report',
    patterns: [
      /\b(?:first time|just (?:started|noticed|happened|stopped|gone|appeared|broken|broke)|(?:have|has)(?:n'?t| not) (?:reported|told you|been reported)|never reported|not reported (?:this|it) before|started (?:this|last|yesterday|today))\b/i,
      /\b(?:never|not) (?:written|emailed|contacted you|rung|phoned|been in touch|reported anything) (?:in |to you |about (?:it|this) )?before\b|\b(?:thought|think) (?:i|we) (?:should|ought to|had better|'d better|better) (?:let you know|tell you|report (?:it|this))\b|(?<!\bjust )\bthought you(?:'d| would| should| might)? (?:want to |like to |need to )?know\b|\b(?:bring (?:it|this) to your attention|make you aware)\b/i,
      /\b(?:this morning|last night|overnight|yesterday|today|right now|tonight|at the moment)\b/i,
    ],
  },
  {
    id: 'gives-details', supports: 'service_request', dissatisfaction: false,
    reason: 'sends details for a request: what was asked for, access or when they are in',
    patterns: [
      /\bas (?:requested|asked|you asked|discussed|agreed on the phone)\b|\b(?:asked|told) (?:me|us) to (?:send|email|e-mail|let you know|forward|provide|attach)\b|\b(?:you|he|she|they) asked (?:me )?for\b|\b(?:here (?:is|are)|please find)\b/i,
      /\b(?:photos?|pictures?|pics?|images?|videos?|screenshots?|cop(?:y|ies)|documents?|forms?)\b[^.!?\n]{0,20}\b(?:attached|enclosed)\b|\b(?:attached|enclosed)\b[^.!?\n]{0,25}\b(?:photos?|pictures?|pics?|images?|videos?|cop(?:y|ies)|forms?|documents?)\b|\b(?:model|serial|make and model)(?: number| no)?\b/i,
      /\b(?:i'?m|i am|we'?re|we are|i'?ll be|i will be|we'?ll be|we will be|someone(?:'s| is| will be)) (?:usually |normally )?(?:in|home|at home|available|around|away|out|on holiday|at work|not (?:in|home|available|around))(?: all day| most days| every day| on| from| after| before| until| till| between| mornings?| afternoons?| evenings?| weekdays| \d)/i,
      /\b(?:don'?t|do not|please don'?t) book\b|\b(?:best|good|easiest) (?:time|day|number|way) to (?:call|ring|contact|reach|text|get hold of)\b|\b(?:ring|call|text|contact) me on\b|\bmy (?:number|mobile|phone number) is\b|\b(?:gate|door|key ?safe|entry|access) code\b|\b(?:side|back) gate\b|\bto arrange access\b/i,
      /\b(?:forgot to (?:mention|say|add|tell you|include)|just to add(?! to my complaint)|to add to (?:my|the) (?:report|request|email|message)|(?:i )?should (?:also )?(?:have )?(?:mentioned|added|said)|one (?:more|other) thing)\b/i,
      /\bplease (?:update|change|amend) my\b|\bnew (?:phone |mobile |contact |email )?(?:number|address|details|email)\b|\bchanged my (?:number|phone|email|name|bank)\b|\bupdate (?:my|your) (?:records|details|contact|number|address|email)\b/i,
    ],
  },
  {
    id: 'repair-report', supports: 'service_request', dissatisfaction: false,
    reason: 'reports a repair or defect',
    patterns: [
      /\b(?:(?:does|do|will|is|are)(?:n'?t| not) (?:close|shut|lock|open|work|flush|drain|latch|stay (?:open|shut|closed))|door|doors|fire door|leak\w*|drip\w*|boiler|heating|hot water|radiator|mould|mold|damp|condensation|tap|toilet|cistern|shower|bath|sink|drain|blocked|broken|broke|snapped|cracked|cracks?|loose|faulty|not working|won'?t (?:flush|lock|shut|close|open|turn)|light|lights|lift|intercom|door entry|smoke alarm|window|lock|gate|fence|roof|gutter|ceiling|pest\w*|rats?|mice|cockroach\w*|fly-?tip\w*|graffiti|paving|stopcock|electric\w*|gas)\b/i,
    ],
  },
  {
    id: 'neighbour-report', supports: 'service_request', dissatisfaction: false,
    reason: 'reports a neighbour or anti-social behaviour (handled under the ASB policy)',
    patterns: [
      /\b(?:neighbour|neighbours|next door|(?:upstairs|downstairs)(?! (?:toilet|loo|wc|bathroom|shower|hall|hallway|landing|windows?|bedrooms?|kitchen|lounge|living room|front room|back room|rooms?|ceiling|floor|radiators?|lights?|cupboard|sink|tap|carpet|stairs)\b)|flat (?:above|below)|the (?:man|woman|people|family|lads|kids) (?:in|at|from|next)|noise|noisy|loud music|barking|dealing|drugs|needles|harass\w*|anti-social|antisocial|asb|parked in my)\b/i,
      /\bcomplaint about (?:my|a|the|our) (?:neighbour|neighbours|next door|upstairs|downstairs)\b|\bcomplain about (?:my|a|the|our) neighbour/i,
    ],
  },

  // Other: thanks, replies that accept our response, messages not meant for us, marketing.
  {
    id: 'thanks', supports: 'other', dissatisfaction: false, negatable: true, skipsSignOff: true,
    reason: 'thanks or a compliment',
    patterns: [
      /\b(?:thank(?:s| you| u)|cheers|diolch|much appreciated|many thanks|ta|brill|brilliant|lovely|excellent|fantastic|great (?:job|work|service)|above and beyond|over the moon|pass on my thanks|compliment|well done|deserves? (?:recognition|praise)|merry christmas|happy new year)\b/i,
    ],
  },
  {
    id: 'compliment', supports: 'other', dissatisfaction: false, negatable: true,
    reason: 'praises someone',
    patterns: [
      /\b(?:polite|courteous|helpful|friendly|tidy|cleaned up after|a credit to|went above and beyond|could(?:n'?t| not) have been (?:nicer|better)|really (?:kind|good|lovely))\b/i,
      /\ba (?:real |absolute |total )?(?:gem|star|treasure|diamond)\b|\blucky to have (?:him|her|them|you)\b|\b(?:makes|made) (?:such |a )?(?:a )?(?:big |real |huge |massive )?difference\b|\bwant(?:ed)? to say how (?:much|good|great|helpful|kind|lovely|grateful|pleased)\b/i,
    ],
  },
  {
    id: 'accepts-response', supports: 'other', dissatisfaction: false, negatable: true,
    reason: 'accepts the response',
    patterns: [
      /\b(?:happy|pleased|satisfied|content|glad) with (?:that|this|the|what|your|how)\b|\b(?:i'?m|i am|we'?re|we are) (?:very |really )?(?:pleased|happy|glad|satisfied)\b|\bthank(?:s| you) for (?:your|the) (?:final |stage \w+ )?(?:response|letter|reply|decision)\b|\bmatter (?:is )?(?:now )?closed\b|\bmakes? sense\b|\b(?:i|we) accept (?:the|your) (?:outcome|offer|decision|response)\b|\bthanks? (?:you )?for sorting\b|\bhappy with that\b|\bthat'?s fine\b|\ball sorted\b/i,
    ],
  },
  {
    id: 'not-for-us', supports: 'other', dissatisfaction: false,
    reason: 'looks meant for someone else',
    patterns: [
      /^\W*(?:(?:hi|hello|hey|hiya)\W+)?is (?:this|that) (?:the |a )?[a-z' ]{2,30}\?/i,
      /^\W*(?:(?:hi|hey|hiya|hello|morning|dear)\W+)?(?:mum|mam|mom|mummy|dad|daddy|nan|nanna|nana|grandma|gran|grandad|babe|hun|bro|sis|sweetheart|darling)\b(?!')|^\W*(?:hi|hey|hiya|hello)\s+[a-z]+\W+(?:it'?s|its|this is)\s+[a-z]+\b|\binvoice (?:to follow|attached|enclosed)\b/i,
      // Signed off to family: "Love, Mum".
      /\b(?:love|lots of love|all my love|luv)(?: from)?,?\s+(?:mum|mam|mom|dad|nan|nanna|nana|gran|grandma|grandad|auntie|aunty|uncle|your (?:mum|mam|dad|sister|brother|nan))\b|\blove (?:you|ya|u)\b/i,
      /^\W*who(?:'s| is) this\b|\b(?:wasn'?t|wasnt|was not|isn'?t|is not) (?:meant |intended )?for (?:you|u)\b|\bmeant to (?:send|text|email) (?:it|this|that) to\b/im,
      /\bwrong (?:number|person)\b|\b(?:was )?meant for (?:my|someone|somebody|the)\b|\bignore (?:my|the|this) (?:last|previous|earlier)\b|\bsent (?:it )?(?:to you )?by mistake\b/i,
    ],
  },
  // A letter that opens by naming the energy, water or phone company, or a government office, it was written to.
  // Only bodies that are never a landlord are named; another landlord's name would need the landlord's own.
  {
    id: 'addressed-elsewhere', supports: 'other', dissatisfaction: false,
    reason: 'addressed to another organisation by name',
    patterns: [
      /^\W*(?:dear|to|hi|hello|fao|attn:?|attention:?)\s+(?:british gas|octopus(?: energy)?|edf(?: energy)?|e\.?on(?: next)?|ovo(?: energy)?|scottish power|sse|shell energy|bulb|utilita|so energy|ecotricity|thames water|severn trent|united utilities|anglian water|yorkshire water|southern water|south west water|northumbrian water|wessex water|welsh water|d[wŵ]r cymru|bt|virgin media|sky|talktalk|vodafone|ee|o2|plusnet|tv licensing|dvla|hmrc|dwp|the dwp|jobcentre(?: plus)?|universal credit|council tax)(?:\s+(?:team|customer services?|billing|complaints))?[ \t]*(?:[,:;.!-]|$)/im,
    ],
  },
  {
    id: 'other-agency', supports: 'other', dissatisfaction: false,
    reason: "mentions another body's business",
    patterns: [/\b(?:council tax|universal credit|planning application|dwp|hmrc|ni number|national insurance)\b/i],
  },
  {
    id: 'for-information', supports: 'other', dissatisfaction: false,
    reason: 'tells us something and asks for nothing',
    patterns: [
      /\bjust (?:to )?let(?:ting)? you know\b|\bjust so (?:you|u|ya) know\b|\bnothing (?:is )?(?:needed|required) (?:from|by) (?:you|u)\b|\bno need to (?:do anything|reply|respond)\b|\bfor your (?:information|records)\b|\bcount me in\b|\bno (?:action|reply|need to reply) (?:is )?(?:needed|required)\b|\bplease ignore\b|\bfyi\b/i,
    ],
  },
  {
    id: 'marketing', supports: 'other', dissatisfaction: false,
    reason: 'looks like marketing or phishing, not from a resident',
    patterns: [
      /\bunsubscribe\b|\bclick (?:here|below|the link)\b|\bno-?obligation\b|\bfree (?:[a-z]+ )?(?:audit|quote|trial|installs?|consultation|survey)\b|\bgrant scheme\b|\bbefore the (?:funding|offer) (?:runs out|ends)\b|\blimited (?:time|offer)\b|\bbook (?:your|a) (?:free|call|demo)\b|\b(?:validate|verify) (?:your )?account\b|\baccount (?:will be )?suspended\b|\bdear (?:user|customer|sir\/madam,? we)\b|\$\d+|\bseo\b|\branking on google\b|\bour (?:installers|clients|services|products|team of experts)\b/i,
      /\b(?:redelivery|re-delivery|parcel|package|delivery)\b[^\n]{0,80}\b(?:fee|pay|click|https?:|www\.)|\bto avoid (?:it being returned|suspension|(?:your )?account (?:suspension|closure)|a (?:late )?(?:fee|penalty))\b|\b(?:verify|confirm|update) your (?:details|account|payment|information|identity)\b[^\n]{0,40}\b(?:https?:|www\.|link|within|click)/i,
      // Selling to the landlord: "reaching out from a firm that helps housing associations", "15 minutes in your diary".
      /\breaching out (?:from|on behalf of|to (?:introduce|see if|offer))\b|\b(?:we )?(?:help|helps|helping|work with|working with|partner with|trusted by|supporting) (?:\w+ )?(?:housing associations|social landlords|housing providers|local authorities|landlords like you)\b|\b\d+ (?:mins?|minutes) (?:in|of) your (?:diary|calendar|time)\b|\bbook (?:a|your) (?:demo|discovery call)\b/i,
      /\bavailable (?:to start )?immediately\b|\bcvs? and rates\b|\breply (?:to this email )?for (?:cvs|rates|more (?:details|information)|a (?:free|quote|call))\b/i,
    ],
  },
];

// Up to this many characters of the resident's words are quoted either side of a phrase.
const QUOTE_REACH = 40;
// "The first time I've reported it" denies a repeat as surely as "I haven't reported it before".
const NEGATED_BEFORE = /(?:\b(?:not|no|never|without|nor)|n't)\s+(?:(?:\w+|a|any|really|very|at all)\s+)?$|(?:\b(?:not|no)|n't)\s+(?:wish|want|need|intend|plan)\s+to\s+$|\bfirst time (?:that )?$/i;

/** The cues a message shows, each once, with the first phrase that fired it. */
export function findCues(subject: string | null, body: string): CueHit[] {
  // A reply's subject echoes the title of our own letter ("RE: Stage 2 final response"): not the resident's words.
  const ownSubject = subject !== null && !/^\s*(?:re|fwd?|aw)\s*:/i.test(subject) ? subject : null;
  const text = plainPunctuation(ownSubject ? `${ownSubject}\n${body}` : body);
  const namesStaff = STAFF.test(text);
  const closing = withoutSignOff(text);
  const hits: CueHit[] = [];
  for (const cue of CUES) {
    if ((cue.needsStaff && !namesStaff) || (cue.needs !== undefined && !text.includes(cue.needs))) continue;
    const found = firstMatch(cue.skipsSignOff ? closing : text, cue);
    if (found) hits.push({ id: cue.id, supports: cue.supports, dissatisfaction: cue.dissatisfaction, reason: cue.reason, quote: found });
  }
  return hits;
}

/**
 * The message without its closing courtesy and the name and address lines after it ("Thanks, Alan, 4 Elm Road"),
 * unless that is all there is: politeness at the end of a letter is not evidence of what the letter is.
 */
export function withoutSignOff(text: string): string {
  // A name and address on the same line as the courtesy ("thanks. Chloe flat 7 Mercer Ct") go with it.
  const rest = text.replace(NAME_AFTER_COURTESY, '$1\n$2').replace(SIGN_OFF, '');
  return /\w/.test(rest) ? rest : text;
}

const NAME_AFTER_COURTESY = /\b((?:[Tt]hanks|[Tt]hank you|[Tt]hank you kindly|[Tt]a|[Cc]heers|[Rr]egards)[.!,])[ \t]+((?:[A-Z][\w'-]*|\d[\w/-]*)(?:[ \t,]+(?:[A-Z][\w'-]*|\d[\w/-]*|flat|house|road|street|st|rd|tel|mob|and|&))*[ \t]*)$/;

// A closing courtesy, and the name and address lines after it, at the very end of the message.
const SIGN_OFF = /(?:^|\n|[.!?]\s+)\s*(?:many thanks|thanks(?: again| in advance| very much| so much)?|thank you(?: (?:very much|in advance|so much|kindly))?|thanks kindly|with (?:many )?thanks|thanks for your help|thank you for your help|cheers|ta|regards|kind regards|warm regards|best wishes|best regards|all the best|yours (?:sincerely|faithfully|truly))\b[ \t]*[.!]*[ \t]*(?:,[^\n]{0,30})?(?:\n[^\n]{0,60}){0,4}\s*$/i;

// Global copies of every pattern, compiled once, for matchAll.
const GLOBAL = new Map(CUES.flatMap((cue) => cue.patterns).map((p) => [p, new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`)]));

function firstMatch(text: string, cue: Cue): string | undefined {
  for (const pattern of cue.patterns) {
    for (const match of text.matchAll(GLOBAL.get(pattern)!)) {
      const start = match.index;
      if (cue.negatable && NEGATED_BEFORE.test(text.slice(Math.max(0, start - 24), start))) continue;
      return quoteAround(text, start, start + match[0].length);
    }
  }
  return undefined;
}

/** The phrase, widened to the words around it within its clause, as the resident wrote it. */
function quoteAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < QUOTE_REACH && !/[.!?\n;]/.test(text[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < text.length && to - end < QUOTE_REACH && !/[.!?\n;,]/.test(text[to] ?? '')) to += 1;
  // Keep whole words at both ends.
  while (from < start && /\w/.test(text[from - 1] ?? '') && /\w/.test(text[from] ?? '')) from += 1;
  while (to > end && /\w/.test(text[to] ?? '') && /\w/.test(text[to - 1] ?? '')) to -= 1;
  return text.slice(from, to).replace(/\s+/g, ' ').replace(/^[\s,;:-]+|[\s,;:-]+$/g, '');
}
