"""The address prefixes several capabilities hang their pages from, written once."""

EXERCISE = "ejercicios/<slug:exercise_slug>/"
PLAN = EXERCISE + "planes/<int:plan_number>/"
COMMITMENT = PLAN + "compromisos/<int:commitment_number>/"
