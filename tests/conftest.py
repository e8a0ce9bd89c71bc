import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # test helpers: office_docs, ...
sys.path.insert(0, str(Path(__file__).parents[1]))  # the bench's scorers and producers, as the bench runs them
