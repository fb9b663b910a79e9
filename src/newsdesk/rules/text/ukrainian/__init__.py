"""Reading Ukrainian copy: word forms (a morphological dictionary, not suffix guesses), the
military and civic vocabulary the rules need, and the official transliteration."""
