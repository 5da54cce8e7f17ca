print("train-lm: not yet")
