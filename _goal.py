import numpy as np
from sklearn.metrics import f1_score
from benchmarks.bench_perception import corpora
from einfluence.perception.default import DefaultSentiment
from einfluence.perception import LexiconSentiment
D=corpora()
for n,l in [('semeval','en'),('deft','fr'),('airline','en'),('sanders','en')]:
    t,y,multi=D[n]['test']
    p=DefaultSentiment(l).predict_proba(t)
    print(n,'default test macro-F1',round(f1_score(y,p.argmax(1),average='macro'),4), 'multi', int(multi.sum()), round(f1_score(y[multi],p[multi].argmax(1),average='macro'),3) if multi.sum() else '')
