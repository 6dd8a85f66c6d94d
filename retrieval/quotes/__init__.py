"""Direct quotations and who said them: rule-based extraction and speaker attribution.

`extract_quotes(article)` finds every span between double quotation marks (curly, straight or
guillemets), splits quotes that run over several paragraphs into one piece per paragraph, and
attributes each piece to a canonical speaker. `attribute_paragraphs` says, for each paragraph that
quotes or reports someone, who speaks and through which source.

The stages, one module each:

* `marks`: quotation marks are found and paired first; the article is then read with every
  quotation masked, so that only the narration ("Putin said", "according to the White House") is
  parsed.
* `tokens`: the masked narration is tokenized and cut into sentences.
* `tags` (with `phrases`): in each sentence, speech verbs (said, told, added, noted, wrote,
  "according to", ...) are located and their subject and source are parsed.
* `entities`: names are grouped per article into one canonical name per person or organisation,
  with their mentions and genders.
* `resolve`: tag subjects (names, pronouns, nouns, documents, governments) become speakers.
* `attribute`: quotations get their speakers, tagged or not; the analysis is memoised per article.

The word tables live in ``data/`` and are loaded once by `lexicon`.
"""

from __future__ import annotations

from retrieval.quotes.attribute import (
    ArticleAnalysis,
    SpeakerProfile,
    analyse_article,
    attribute_paragraphs,
    extract_quotes,
    speaker_profiles,
)
from retrieval.quotes.entities import name_key
from retrieval.quotes.lexicon import ROLE_CLASS, ROLE_CLASSES, TITLE_WORDS

__all__ = [
    "ROLE_CLASS",
    "ROLE_CLASSES",
    "TITLE_WORDS",
    "ArticleAnalysis",
    "SpeakerProfile",
    "analyse_article",
    "attribute_paragraphs",
    "extract_quotes",
    "name_key",
    "speaker_profiles",
]
