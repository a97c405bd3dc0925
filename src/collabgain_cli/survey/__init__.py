"""The members' survey: the questionnaire, its responses into `assessments`, their summary.

- `questionnaire`: the statements of principles.yaml as a form (text, Markdown, CSV, HTML).
- `responses`: a form tool's CSV export -> one anonymous assessment per response, or errors
  that name their row and column.
- `insert`: those assessments added to a partnership file as text, every other byte kept.
- `summary`: what current respondents say, principle by principle, beside the records.
"""
