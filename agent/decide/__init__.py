"""The `decide` step: a pure policy from the interview's state and the reading of the
candidate's latest message to the interviewer's next move.

- `policy`: the ordered rules; `situation`: what a rule may look at, and where the
  candidate leads (the part their last messages are about, an order they announced);
- `leading`: the rule for a covered phase and the move with the candidate to their part;
- `coverage`, `budget`, `clock`: how much of a phase was shown and how much time is left;
- `state`, `progress`: the running state and what one turn changes in it;
- `moves`: the decided move, the output of this step.
"""
